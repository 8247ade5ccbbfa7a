using System.Text.Json;

namespace InboxNetworking.Graph;

/// <summary>One mail folder the account tracks: Graph's id, its display name and the well-known name it was found by.</summary>
public sealed record GraphFolder(string Id, string Name, string Role)
{
    public bool IsSent => Role == "sentitems";
}

/// <summary>A Microsoft 365 mailbox as `connect graph` stored it (the client secret is kept apart, protected).</summary>
public sealed record GraphSettings
{
    public const string Kind = "graph";
    public const string DefaultEndpoint = "https://graph.microsoft.com/v1.0";
    public const string DefaultAuthority = "https://login.microsoftonline.com";

    /// <summary>The mailbox read: a user principal name, address or object id.</summary>
    public required string Mailbox { get; init; }
    public required string TenantId { get; init; }
    public required string ClientId { get; init; }
    /// <summary>Graph's base address; another Graph-compatible endpoint (a national cloud, a test server) may stand in.</summary>
    public string Endpoint { get; init; } = DefaultEndpoint;
    /// <summary>Where tokens are asked for (the Microsoft identity platform unless told otherwise).</summary>
    public string Authority { get; init; } = DefaultAuthority;
    public IReadOnlyList<GraphFolder> Folders { get; init; } = [];
    /// <summary>The app may read the calendar (Calendars.Read): checked at connect.</summary>
    public bool TrackCalendar { get; init; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static GraphSettings FromJson(string json) =>
        JsonSerializer.Deserialize<GraphSettings>(json, Json) ?? throw new FormatException("empty Graph settings");

    /// <summary>The scope an app-only token is asked for: the endpoint's resource with ".default" (its granted permissions).</summary>
    public string Scope => new Uri(Endpoint).GetLeftPart(UriPartial.Authority) + "/.default";
}
