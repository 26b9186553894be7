// A .cjs file whose property is a function returning a number.
module.exports = { memory: () => 512 };
