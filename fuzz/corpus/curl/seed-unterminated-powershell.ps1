curl.exe 'https://api.test/a' `
  -H 'X: 1
