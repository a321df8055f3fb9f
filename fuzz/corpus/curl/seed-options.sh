curl --request PATCH --url https://api.test/users/7 \
  -H 'Accept: application/json' --header "X-Trace: a:b" -H 'X-Empty;' \
  -d 'a=1' --data b=2 --data-raw '@not-a-file' --data-binary 'c=3' \
  -u ada:s3cr3t -b 'session=abc; theme=dark' -A 'agent/1.0' -e https://from.test/ \
  -k -L --compressed --max-time 2.5 --max-redirs 3 --http1.1 -s -S -v -o out.txt \
  --retry 3
