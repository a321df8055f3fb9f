curl https://api.test/items --json '{"name": "café", "n": 1}'
