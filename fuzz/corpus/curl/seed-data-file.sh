curl -H 'Content-Type: application/json' -d @body.json https://api.test/items
