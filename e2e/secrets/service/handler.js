'use strict';
const { getSecret } = require('@stratus/secrets-runtime');

exports.read = async () => ({ length: (await getSecret('DB_PASSWORD')).length });
exports.plain = async () => ({ ok: true });
