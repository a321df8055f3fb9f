curl "https://api.test/a ^
  -H "X: 1"
