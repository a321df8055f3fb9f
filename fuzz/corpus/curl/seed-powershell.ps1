curl.exe 'https://api.test/items' `
  -H 'X-Single: it''s $HOME' `
  -H "X-Double: say `"hi`" and ""again"" tab`there" `
  --data-raw '{"k": "v"}'
