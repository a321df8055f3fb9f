curl "https://api.test/items" ^
  -H "X-Quote: a ""quoted"" word" ^
  -d "a=1"
