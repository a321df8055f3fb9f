curl https://api.test/upload --data-binary @payload.bin -H "Content-Type: application/octet-stream"
