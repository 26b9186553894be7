// Fails while being required.
throw new Error('cannot even load');
