curl 'https://api.test/q?x=1&y=2' \
  -H "X-Double: say \"hi\" \$HOME \\ \`cmd\` \a" \
  -H 'X-Single: it'\''s $HOME \n' \
  -H $'X-Ansi: tab\there \x41\u00e9 \'q\' \\' \
  -H X-Bare:\ escaped\ space \
  --data-raw $'line1\nline2'
