vcl 4.1;

# Varnish in front of Upstate (README: "Running at scale"). Upstate tags every public response
# (`Surrogate-Key: upstate summary page`) and, with EDGE_PURGE=varnish://<this host>:<port>, sends a
# `BAN` naming the tags a change makes stale, the moment the change commits. So Varnish may keep
# pages for as long as Upstate's Cache-Control says (an hour), and a change still shows within a
# second or two. While Upstate is down, Varnish keeps serving the last pages it has (a day).
#
# Set the backend's address below (the tests fill in the port): Upstate's, when one instance runs;
# with several, the nginx balancing them (deploy/nginx/upstate.conf listens on 127.0.0.1:8080), as
# tests/multi-instance.test.ts runs it.

import std;

backend upstate {
    .host = "127.0.0.1";
    .port = "3000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    # Knowing Upstate is down lets stale pages be served at once, instead of after a timeout.
    .probe = {
        .url = "/api/v2/status.json";
        .interval = 1s;
        .timeout = 1s;
        .window = 3;
        .threshold = 2;
        .initial = 2;
    }
}

# Who may ban: Upstate's hosts. Add each instance's address when they run elsewhere.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        # Tags are cuids and words (lib/edge/cache-tags.ts): nothing that could widen the regex.
        if (req.http.X-Upstate-Purge-Tags !~ "^[A-Za-z0-9_-]+( [A-Za-z0-9_-]+)*$") {
            return (synth(400, "Bad X-Upstate-Purge-Tags"));
        }
        # On obj.* only, so the ban lurker can drop matching objects in the background too.
        ban("obj.http.X-Upstate-Tags ~ ,(" + regsuball(req.http.X-Upstate-Purge-Tags, " ", "|") + "),");
        return (synth(200, "Banned"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Staff pages, sign-in, the management API and signed-in staff are never cached (under a base
    # path too, e.g. /status/admin).
    if (req.url ~ "^(/[^/?]+)?/(admin|api/auth|api/v1)(/|\?|$)" ||
        req.http.Cookie ~ "(^|;)\s*(__Secure-)?next-auth\.session-token") {
        return (pass);
    }
    # The public pages are the same for everyone: a visitor's other cookies (analytics) must not
    # make every request a pass.
    unset req.http.Cookie;
    # Tracking parameters change nothing on a page; without them the page is one object, not many.
    if (req.url ~ "[?&](utm_[a-z]+|fbclid|gclid|msclkid|mc_cid|mc_eid)=") {
        set req.url = regsuball(req.url, "(utm_[a-z]+|fbclid|gclid|msclkid|mc_cid|mc_eid)=[^&]*&?", "");
        set req.url = regsub(req.url, "[?&]+$", "");
    }
    # While Upstate answers, a page past its lifetime is served for 10 s more while it refetches;
    # while Upstate is down, for as long as Varnish has it (stale-if-error).
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }
    return (hash);
}

sub vcl_backend_response {
    # The tags, comma-delimited, so that a ban's regex matches whole tags only.
    if (beresp.http.Surrogate-Key) {
        set beresp.http.X-Upstate-Tags = "," + regsuball(beresp.http.Surrogate-Key, " +", ",") + ",";
    }
    # A failed refetch keeps the last good page.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    # A copy Upstate is re-rendering after a change (it says s-maxage=0): fresh for a tenth of
    # a second, so that a crowd arriving right after a purge is one request to Upstate, not one
    # each; the new page replaces it at the next request after that. Kept in grace like any
    # page, for when Upstate goes down right then.
    if (beresp.http.X-Upstate-Cache == "STALE") {
        set beresp.ttl = 0.1s;
        set beresp.grace = 24h;
        return (deliver);
    }
    # stale-if-error: kept a day past its lifetime for when Upstate is down (see vcl_recv).
    if (beresp.ttl > 0s) {
        set beresp.grace = 24h;
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # The tags are for this cache, not for browsers.
    unset resp.http.X-Upstate-Tags;
    unset resp.http.Surrogate-Key;
    unset resp.http.Cache-Tag;
}
