import gzip, random, sys
# usage: gen_alb.py OUT.log.gz MB  -- ALB access log lines until the gzip file is MB megabytes
out, mb = sys.argv[1], int(sys.argv[2])
r = random.Random(1)
agents = ["curl/8.5.0", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
          "python-requests/2.32.3", "Go-http-client/2.0", "ELB-HealthChecker/2.0"]
paths = ["/api/v1/orders", "/api/v1/items", "/checkout", "/login", "/static/app.js", "/search"]
with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6) as z:
    n = 0
    while raw.tell() < mb << 20:
        lines = []
        for _ in range(1000):
            s = 1733313600 + n // 400
            ts = "2026-12-04T%02d:%02d:%02d.%06dZ" % (s // 3600 % 24, s // 60 % 60, s % 60, r.randrange(10**6))
            st = r.choice((200, 200, 200, 200, 201, 204, 301, 304, 400, 403, 404, 500, 502, 503))
            lines.append('https %s app/shop-prod/50dc6c495c0c9188 %d.%d.%d.%d:%d 10.0.%d.%d:8080 0.%03d 0.%03d 0.%03d %d %d %d %d "%s https://shop.example.com:443%s/%d?page=%d HTTP/1.1" "%s" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop/73e2d6bc24d8a067 "Root=1-%08x-%024x" "shop.example.com" "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012" 0 %s "forward" "-" "-" "10.0.%d.%d:8080" "%d" "-" "-"\n' % (
                ts, r.randrange(1, 224), r.randrange(256), r.randrange(256), r.randrange(1, 255), r.randrange(1024, 65535),
                r.randrange(4), r.randrange(1, 255), r.randrange(3), r.randrange(999), r.randrange(50), st, st,
                r.randrange(200, 2000), r.randrange(100, 200000), r.choice(("GET", "GET", "GET", "POST", "PUT")), r.choice(paths),
                r.randrange(10**6), r.randrange(50), r.choice(agents), s, r.getrandbits(96), ts, r.randrange(4), r.randrange(1, 255), st))
            n += 1
        z.write("".join(lines).encode())
print(n, "lines")
