'use strict';

module.exports.onUpload = async (event) => ({ objects: (event.Records || []).map((record) => record.s3.object.key) });
