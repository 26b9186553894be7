'use strict';

module.exports.onNotify = async (event) => ({ messages: (event.Records || []).map((record) => record.Sns.Message) });
