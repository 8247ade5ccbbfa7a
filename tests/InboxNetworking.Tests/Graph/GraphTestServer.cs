using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace InboxNetworking.Tests.Graph;

/// <summary>A Microsoft Graph stand-in on loopback that speaks Graph's wire format for what the connector uses:
/// the identity platform's client-credentials token endpoint, mailFolders by well-known name, and
/// messages/delta with $select, odata.maxpagesize, @odata.nextLink pages, an @odata.deltaLink per round,
/// "@removed" entries, 429 with Retry-After, 410 for a forgotten sync state, and ODataError bodies.</summary>
internal sealed class GraphTestServer : IAsyncDisposable
{
    public const string Tenant = "contoso.example";
    public const string ClientId = "11111111-2222-3333-4444-555555555555";

    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, MailFolder>> _mailboxes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string[]> _recorded = [];
    private readonly Dictionary<string, MailFolder> _calendars = new(StringComparer.OrdinalIgnoreCase);
    private long _sequence;
    private string _token = "";
    private int _throttle;
    private string _retryAfter = "1";
    private bool _forgetSyncState;
    private int _failFrom = int.MaxValue;
    private string _me = "";

    /// <summary>Graph's 429 body as its documentation shows it (corpora/graph/docs-samples/throttling-429-body.json).</summary>
    private const string ThrottledBody = """
        {"error":{"code":"TooManyRequests","innerError":{"code":"429","date":"2020-08-18T12:51:51","message":"Please retry after",
        "request-id":"94fb3b52-452a-4535-a601-69e0a90e3aa2","status":"429"},"message":"Please retry again later."}}
        """;

    public GraphTestServer()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }
    public string Endpoint => $"http://127.0.0.1:{Port}/v1.0";
    public string Authority => $"http://127.0.0.1:{Port}";
    /// <summary>The client secret the identity endpoint accepts; changing it revokes the old one.</summary>
    public string Secret { get; set; } = "s3cret~" + Guid.NewGuid().ToString("N");

    /// <summary>Every request as "METHOD path?query", and when it arrived.</summary>
    public ConcurrentQueue<(string Request, DateTimeOffset At)> Log { get; } = new();

    public string Folder(string mailbox, string wellKnown, string displayName, string? folderId = null)
    {
        lock (_gate)
        {
            if (!_mailboxes.TryGetValue(mailbox, out var folders))
                _mailboxes[mailbox] = folders = new(StringComparer.OrdinalIgnoreCase);
            var id = folderId ?? "AAMkAD" + Encode($"{mailbox}/{wellKnown}") + "AAA=";
            folders[wellKnown] = new MailFolder(id, displayName);
            return id;
        }
    }

    /// <summary>A new or changed message (Graph's JSON shape, with "id").</summary>
    public void Put(string mailbox, string wellKnown, JsonObject message)
    {
        lock (_gate)
            _mailboxes[mailbox][wellKnown].Changes.Add((++_sequence, message["id"]!.GetValue<string>(), message));
    }

    /// <summary>The message is deleted from the folder: the next round reports it "@removed".</summary>
    public void Remove(string mailbox, string wellKnown, string id)
    {
        lock (_gate)
            _mailboxes[mailbox][wellKnown].Changes.Add((++_sequence, id, null));
    }

    /// <summary>The next <paramref name="requests"/> Graph requests answer 429 with this Retry-After.</summary>
    public void Throttle(int requests, string retryAfter)
    {
        lock (_gate)
            (_throttle, _retryAfter) = (requests, retryAfter);
    }

    /// <summary>The next request with a skip or delta token answers 410 Gone: the server lost that sync state.</summary>
    public void ForgetSyncState()
    {
        lock (_gate)
            _forgetSyncState = true;
    }

    /// <summary>Delta requests after the first <paramref name="pages"/> answer 500 until <see cref="Heal"/>.</summary>
    public void FailAfter(int pages)
    {
        lock (_gate)
            _failFrom = DeltaRequests + pages;
    }

    public void Heal()
    {
        lock (_gate)
            _failFrom = int.MaxValue;
    }

    public int DeltaRequests => Log.Count(l => l.Request.Contains("/messages/delta", StringComparison.Ordinal));

    /// <summary>The folder's delta answers these recorded pages (Graph's own samples), their links pointed here.</summary>
    /// <remarks>Their links name the signed-in user's mailbox (/me), which here is <paramref name="mailbox"/>.</remarks>
    public void Recorded(string mailbox, string wellKnown, string displayName, params string[] pageFiles)
    {
        var pages = pageFiles.Select(File.ReadAllText).ToArray();
        var folderId = System.Text.RegularExpressions.Regex.Match(pages[0], @"mailfolders\('([^']*)'\)", System.Text.RegularExpressions.RegexOptions.IgnoreCase).Groups[1].Value;
        var id = Folder(mailbox, wellKnown, displayName, folderId);
        lock (_gate)
        {
            _recorded[id] = pages;
            _me = mailbox;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.ContinueWith(static _ => { }, TaskScheduler.Default);
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => Answer(context));
        }
    }

    private void Answer(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        Log.Enqueue(($"{request.HttpMethod} {request.Url!.PathAndQuery}", TimeProvider.System.GetUtcNow()));
        try
        {
            var (status, body, headers) = Route(request);
            foreach (var (name, value) in headers)
                response.AddHeader(name, value);
            response.StatusCode = status;
            response.ContentType = "application/json";
            var bytes = Encoding.UTF8.GetBytes(body);
            response.ContentLength64 = bytes.Length;
            response.OutputStream.Write(bytes);
        }
        finally
        {
            response.Close();
        }
    }

    private (int, string, (string, string)[]) Route(HttpListenerRequest request)
    {
        // Graph's own links name a folder as mailFolders('id'); the SDK as mailFolders/id.
        var path = System.Text.RegularExpressions.Regex.Replace(Uri.UnescapeDataString(request.Url!.AbsolutePath),
            @"mailFolders\('([^']*)'\)", "mailFolders/$1", System.Text.RegularExpressions.RegexOptions.IgnoreCase)
            .Replace("/v1.0/me/", $"/v1.0/users/{_me}/", StringComparison.Ordinal);
        if (request.HttpMethod == "POST" && path is $"/{Tenant}/oauth2/v2.0/token" or "/organizations/oauth2/v2.0/token")
            return Token(request);
        if (request.HttpMethod == "POST" && path is $"/{Tenant}/oauth2/v2.0/devicecode" or "/organizations/oauth2/v2.0/devicecode")
            return DeviceCode(request);
        if (request.HttpMethod == "POST" && path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal))
            return (400, """{"error":"invalid_request","error_description":"AADSTS90002: Tenant not found. Check to make sure you have the correct tenant ID."}""", []);
        if (request.Headers["Authorization"] != $"Bearer {_token}" || _token.Length == 0)
            return Error(401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.");
        lock (_gate)
        {
            if (_throttle > 0)
            {
                _throttle--;
                return (429, ThrottledBody, [("Retry-After", _retryAfter)]);
            }
        }
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts is ["v1.0", "me"])
            return (200, new JsonObject { ["id"] = "6e7b768e-07e2-4810-8459-485f84f8f204", ["mail"] = SignedInUser, ["userPrincipalName"] = SignedInUser }.ToJsonString(), []);
        if (parts is ["v1.0", "users", var sender, "sendMail"] && request.HttpMethod == "POST")
            return SendMail(request, sender);
        if (parts is ["v1.0", "users", var searched, "messages"])
            return FindMessages(request, searched);
        if (parts is ["v1.0", "users", var owner, "calendar" or "calendarView", ..])
            return Calendar(request, owner, parts);
        // v1.0/users/{mailbox}/mailFolders/{folder}[/messages/delta]
        if (parts is not ["v1.0", "users", var mailbox, var segment, var folder, ..] || !segment.Equals("mailFolders", StringComparison.OrdinalIgnoreCase))
            return Error(400, "BadRequest", $"Resource not found for the segment '{path}'.");
        lock (_gate)
        {
            if (!_mailboxes.TryGetValue(mailbox, out var folders))
                return Error(404, "ErrorInvalidUser", $"The requested user '{mailbox}' is invalid.");
            var found = folders.Values.FirstOrDefault(f => f.Id == folder) ?? folders.GetValueOrDefault(folder);
            if (found is null)
                return Error(404, "ErrorFolderNotFound", "The specified folder could not be found in the store.");
            if (parts.Length == 5)
            {
                var total = found.Changes.GroupBy(c => c.Id).Count(g => g.MaxBy(c => c.Sequence).Message is not null);
                return (200, new JsonObject
                {
                    ["@odata.context"] = $"{Endpoint}/$metadata#users('{mailbox}')/mailFolders/$entity",
                    ["id"] = found.Id, ["displayName"] = found.Name, ["totalItemCount"] = total,
                }.ToJsonString(), []);
            }
            if (parts is [.., "messages", "delta" or "delta()"])
                return Delta(request, found, $"{Endpoint}/users/{mailbox}/mailFolders('{found.Id}')/messages/delta?");
        }
        return Error(400, "BadRequest", $"Unsupported segment '{path}'.");
    }

    /// <summary>What sendMail was given, as MIME messages.</summary>
    public ConcurrentQueue<MimeKit.MimeMessage> Sent { get; } = new();

    /// <summary>sendMail with a MIME body (base64, text/plain): delivered to the owner's inbox and kept in Sent Items,
    /// with its headers as internetMessageHeaders.</summary>
    private (int, string, (string, string)[]) SendMail(HttpListenerRequest request, string mailbox)
    {
        if (request.ContentType?.StartsWith("text/plain", StringComparison.Ordinal) != true)
            return Error(400, "ErrorMimeContentInvalid", "Invalid MIME content.");
        using var reader = new StreamReader(request.InputStream, Encoding.ASCII);
        var message = MimeKit.MimeMessage.Load(new MemoryStream(Convert.FromBase64String(reader.ReadToEnd())));
        Sent.Enqueue(message);
        var headers = new JsonArray(message.Headers.Select(h => (JsonNode)new JsonObject { ["name"] = h.Field, ["value"] = h.Value }).ToArray());
        foreach (var folder in new[] { "inbox", "sentitems" })
        {
            var copy = GraphMail.Message($"{folder}-{Guid.NewGuid():N}", message.From.Mailboxes.First().Address,
                message.To.Mailboxes.Select(m => m.Address).ToArray(), message.Subject ?? "", message.Date);
            copy["internetMessageId"] = $"<{message.MessageId}>";
            copy["internetMessageHeaders"] = headers.DeepClone();
            Put(mailbox, folder, copy);
        }
        lock (_gate)
        {
            if (_sendMailFailure is { } status)
            {
                _sendMailFailure = null;
                return Error(status, "ServiceUnavailable", "The service is temporarily unavailable.");
            }
        }
        return (202, "", []);
    }

    private int? _sendMailFailure;

    /// <summary>The next sendMail is carried out, then answered with <paramref name="status"/> (a gateway that timed out).</summary>
    public void FailAfterSending(int status)
    {
        lock (_gate)
            _sendMailFailure = status;
    }

    /// <summary>$filter=internetMessageId eq '&lt;id&gt;' over every folder of the mailbox.</summary>
    private (int, string, (string, string)[]) FindMessages(HttpListenerRequest request, string mailbox)
    {
        var filter = request.QueryString["$filter"] ?? "";
        const string prefix = "internetMessageId eq '";
        if (!filter.StartsWith(prefix, StringComparison.Ordinal))
            return Error(400, "ErrorInvalidUrlQueryFilter", "The query filter contains one or more invalid nodes.");
        var id = filter[prefix.Length..^1].Replace("''", "'", StringComparison.Ordinal);
        lock (_gate)
        {
            var found = _mailboxes.GetValueOrDefault(mailbox)?.Values
                .SelectMany(f => f.Changes.GroupBy(c => c.Id).Select(g => g.MaxBy(c => c.Sequence).Message).OfType<JsonObject>())
                .Where(m => m["internetMessageId"]?.GetValue<string>() == id)
                .Select(m => (JsonNode)new JsonObject { ["id"] = m["id"]!.GetValue<string>() }).ToArray() ?? [];
            return (200, new JsonObject { ["value"] = new JsonArray(found) }.ToJsonString(), []);
        }
    }

    /// <summary>Events for the mailbox's calendarView (Graph's event JSON, with "id"); the app may then read its calendar.</summary>
    public void PutEvent(string mailbox, JsonObject calendarEvent)
    {
        lock (_gate)
        {
            _calendars.TryAdd(mailbox, new MailFolder("AAMkCal" + Encode(mailbox), "Calendar"));
            _calendars[mailbox].Changes.Add((++_sequence, calendarEvent["id"]!.GetValue<string>(), calendarEvent));
        }
    }

    public void RemoveEvent(string mailbox, string id)
    {
        lock (_gate)
            _calendars[mailbox].Changes.Add((++_sequence, id, null));
    }

    /// <summary>The startDateTime and endDateTime of the last calendar round that named them.</summary>
    public (string Start, string End)? CalendarWindow { get; private set; }

    private (int, string, (string, string)[]) Calendar(HttpListenerRequest request, string mailbox, string[] parts)
    {
        lock (_gate)
        {
            if (!_calendars.TryGetValue(mailbox, out var calendar))
                return Error(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
            if (parts.Length == 4)
                return (200, new JsonObject { ["id"] = calendar.Id, ["name"] = calendar.Name }.ToJsonString(), []);
            var query = request.QueryString;
            if (query["$skiptoken"] is null && query["$deltatoken"] is null)
            {
                if (query["startDateTime"] is not { } start || query["endDateTime"] is not { } end)
                    return Error(400, "ErrorInvalidParameter", "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.");
                CalendarWindow = (start, end);
            }
            return Delta(request, calendar, $"{Endpoint}/users/{mailbox}/calendarView/delta?");
        }
    }

    /// <summary>Who signs in at the device-code page.</summary>
    public string SignedInUser { get; set; } = "";

    /// <summary>Polls answered "authorization_pending" before the person has signed in; -1: they decline.</summary>
    public int PendingPolls { get; set; } = 1;

    /// <summary>The refresh tokens the server would take now; each is good once (strict rotation).</summary>
    public HashSet<string> RefreshTokens { get; } = [];

    private static (int, string, (string, string)[]) DeviceCode(HttpListenerRequest request)
    {
        var form = Form(request);
        if (form.GetValueOrDefault("client_id") is not (ClientId or InboxNetworking.Graph.GraphSettings.DefaultPublicClientId))
            return (400, """{"error":"unauthorized_client","error_description":"AADSTS700016: Application was not found in the directory."}""", []);
        if (!form.GetValueOrDefault("scope", "").Split(' ').Contains("offline_access"))
            return (400, """{"error":"invalid_scope","error_description":"AADSTS70011: offline_access missing."}""", []);
        return (200, """
            {"user_code":"GHJK7LMN9","device_code":"DAQABAAEAAAD--DLA3VO7QrddgJg7WevrEXAMPLE","verification_uri":"https://microsoft.com/devicelogin","expires_in":900,"interval":1,
             "message":"To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code GHJK7LMN9 to authenticate."}
            """, []);
    }

    private (int, string, (string, string)[]) Issue(bool withRefreshToken)
    {
        lock (_gate)
        {
            _token = "eyJ0eXAiOiJKV1QiLCJub25jZSI6" + Guid.NewGuid().ToString("N");
            var answer = new JsonObject { ["token_type"] = "Bearer", ["expires_in"] = 3599, ["ext_expires_in"] = 3599, ["access_token"] = _token };
            if (withRefreshToken)
            {
                var refresh = "0.AXoA" + Guid.NewGuid().ToString("N");
                RefreshTokens.Add(refresh);
                answer["refresh_token"] = refresh;
            }
            return (200, answer.ToJsonString(), []);
        }
    }

    private static Dictionary<string, string> Form(HttpListenerRequest request)
    {
        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        return reader.ReadToEnd().Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1].Replace('+', ' ')));
    }

    private (int, string, (string, string)[]) Token(HttpListenerRequest request)
    {
        var form = Form(request);
        switch (form.GetValueOrDefault("grant_type"))
        {
            case "urn:ietf:params:oauth:grant-type:device_code":
                lock (_gate)
                {
                    if (PendingPolls < 0)
                        return (400, """{"error":"authorization_declined","error_description":"AADSTS70000: The user declined."}""", []);
                    if (PendingPolls-- > 0)
                        return (400, """{"error":"authorization_pending","error_description":"AADSTS70016: OAuth 2.0 device flow error. Authorization is pending. Continue polling."}""", []);
                }
                return Issue(withRefreshToken: true);
            case "refresh_token":
                lock (_gate)
                {
                    if (!RefreshTokens.Remove(form.GetValueOrDefault("refresh_token", "")))
                        return (400, """{"error":"invalid_grant","error_description":"AADSTS70008: The provided authorization code or refresh token has expired due to inactivity."}""", []);
                }
                return Issue(withRefreshToken: true);
        }
        if (form.GetValueOrDefault("grant_type") != "client_credentials" || form.GetValueOrDefault("scope") != $"{Authority}/.default")
            return (400, """{"error":"invalid_scope","error_description":"AADSTS70011: The provided value for the input parameter 'scope' is not valid."}""", []);
        if (form.GetValueOrDefault("client_id") != ClientId)
            return (400, """{"error":"unauthorized_client","error_description":"AADSTS700016: Application was not found in the directory."}""", []);
        if (form.GetValueOrDefault("client_secret") != Secret)
            return (401, """{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.\r\nTrace ID: 0"}""", []);
        return Issue(withRefreshToken: false);
    }

    private (int, string, (string, string)[]) Delta(HttpListenerRequest request, MailFolder folder, string link)
    {
        var query = request.QueryString;
        var skip = query["$skiptoken"];
        var delta = query["$deltatoken"];
        if (_recorded.TryGetValue(folder.Id, out var pages))
            return Recorded(pages, skip ?? delta);
        if ((skip ?? delta) is not null && _forgetSyncState)
        {
            _forgetSyncState = false;
            return Error(410, "SyncStateNotFound", "The sync state generation is not found. Restart the delta query from the beginning.");
        }
        if (DeltaRequests > _failFrom)
            return Error(500, "generalException", "An internal server error occurred.");

        // A round covers the changes in (from, to]; its pages are slices of them. Tokens are opaque to the client.
        long from, to;
        int offset;
        string select;
        if (skip is not null)
        {
            var t = Decode(skip).Split('|');
            (from, to, offset, select) = (long.Parse(t[0], CultureInfo.InvariantCulture), long.Parse(t[1], CultureInfo.InvariantCulture), int.Parse(t[2], CultureInfo.InvariantCulture), t[3]);
        }
        else
        {
            var t = delta is null ? null : Decode(delta).Split('|');
            (from, to, offset, select) = (t is null ? 0 : long.Parse(t[0], CultureInfo.InvariantCulture), _sequence, 0, t?[1] ?? query["$select"] ?? "");
        }
        var latest = folder.Changes.Where(c => c.Sequence > from && c.Sequence <= to)
            .GroupBy(c => c.Id).Select(g => g.MaxBy(c => c.Sequence)).OrderBy(c => c.Sequence).ToList();
        if (from == 0)
            latest.RemoveAll(c => c.Message is null); // a first round lists what is there
        var size = (request.Headers["Prefer"] ?? "").Split(',', StringSplitOptions.TrimEntries)
            .Where(p => p.StartsWith("odata.maxpagesize=", StringComparison.Ordinal))
            .Select(p => int.Parse(p["odata.maxpagesize=".Length..], CultureInfo.InvariantCulture)).DefaultIfEmpty(10).First();
        var value = new JsonArray();
        foreach (var c in latest.Skip(offset).Take(size))
            value.Add(c.Message is null ? Removed(c.Id) : Project(c.Message, select));
        var page = new JsonObject { ["@odata.context"] = $"{Endpoint}/$metadata#Collection({(folder.Name == "Calendar" ? "event" : "message")})" };
        if (offset + size < latest.Count)
            page["@odata.nextLink"] = link + "$skiptoken=" + Encode($"{from}|{to}|{offset + size}|{select}");
        else
            page["@odata.deltaLink"] = link + "$deltatoken=" + Encode($"{to}|{select}");
        page["value"] = value;
        return (200, page.ToJsonString(), [("Preference-Applied", $"odata.maxpagesize={size}")]);
    }

    private (int, string, (string, string)[]) Recorded(string[] pages, string? token)
    {
        // Page k+1 is the one whose token page k's nextLink carries.
        var index = token is null ? 0 : Array.FindIndex(pages, p => p.Contains(token, StringComparison.Ordinal)) + 1;
        if (index >= pages.Length)
            return Error(410, "SyncStateNotFound", "The sync state generation is not found.");
        return (200, pages[index].Replace("https://graph.microsoft.com/v1.0", Endpoint, StringComparison.Ordinal), []);
    }

    private static JsonObject Removed(string id) => new()
    {
        ["@odata.type"] = "#microsoft.graph.message",
        ["id"] = id,
        ["@removed"] = new JsonObject { ["reason"] = "deleted" },
    };

    /// <summary>What $select asks for, with the id and the annotations Graph always sends; everything without $select.</summary>
    private static JsonObject Project(JsonObject message, string select)
    {
        var wanted = select.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var result = new JsonObject();
        foreach (var (name, value) in message)
        {
            if (wanted.Count == 0 || wanted.Contains(name) || name is "id" || name.StartsWith('@'))
                result[name] = value?.DeepClone();
        }
        return result;
    }

    private static (int, string, (string, string)[]) Error(int status, string code, string message) =>
        (status, JsonSerializer.Serialize(new { error = new { code, message, innerError = new { date = "2026-12-07T10:00:00", requestId = Guid.NewGuid(), clientRequestId = Guid.NewGuid() } } }), []);

    private static string Encode(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    private static string Decode(string s)
    {
        var b = s.Replace('-', '+').Replace('_', '/');
        return Encoding.UTF8.GetString(Convert.FromBase64String(b.PadRight(b.Length + ((4 - (b.Length % 4)) % 4), '=')));
    }

    private sealed record MailFolder(string Id, string Name)
    {
        public List<(long Sequence, string Id, JsonObject? Message)> Changes { get; } = [];
    }
}
