using System.Text.Json;

namespace InboxNetworking.Graph;

/// <summary>One mail folder the account tracks: Graph's id, its display name and the well-known name it was found by.</summary>
public sealed record GraphFolder(string Id, string Name, string Role)
{
    public bool IsSent => Role == "sentitems";
}

/// <summary>How the account signs in: an organisation's app with a client secret (app-only), or a person once by
/// device code (delegated; the refresh token is what is kept).</summary>
public enum GraphSignIn
{
    DeviceCode,
    AppSecret,
}

/// <summary>A Microsoft 365 mailbox as `connect graph` stored it (the secret or refresh token is kept apart, protected).</summary>
public sealed record GraphSettings
{
    public const string Kind = "graph";
    public const string DefaultEndpoint = "https://graph.microsoft.com/v1.0";
    public const string DefaultAuthority = "https://login.microsoftonline.com";
    /// <summary>Microsoft Graph Command Line Tools: a public client Microsoft registers in every tenant, allowed the
    /// device-code flow (an organisation may register its own and pass --client-id).</summary>
    public const string DefaultPublicClientId = "14d82eec-204b-4c2f-b7e8-296a70dab67e";

    /// <summary>The mailbox read: a user principal name, address or object id.</summary>
    public required string Mailbox { get; init; }
    public required string TenantId { get; init; }
    public GraphSignIn SignIn { get; init; } = GraphSignIn.AppSecret;
    public required string ClientId { get; init; }
    /// <summary>Graph's base address; another Graph-compatible endpoint (a national cloud, a test server) may stand in.</summary>
    public string Endpoint { get; init; } = DefaultEndpoint;
    /// <summary>Where tokens are asked for (the Microsoft identity platform unless told otherwise).</summary>
    public string Authority { get; init; } = DefaultAuthority;
    public IReadOnlyList<GraphFolder> Folders { get; init; } = [];
    /// <summary>The app may read the calendar (Calendars.Read): checked at connect.</summary>
    public bool TrackCalendar { get; init; }
    /// <summary>Send the monthly report to the mailbox (sendMail).</summary>
    public bool DeliverReports { get; init; } = true;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static GraphSettings FromJson(string json) =>
        JsonSerializer.Deserialize<GraphSettings>(json, Json) ?? throw new FormatException("empty Graph settings");

    /// <summary>The scope an app-only token is asked for: the endpoint's resource with ".default" (its granted permissions).</summary>
    public string AppScope => Resource + "/.default";

    /// <summary>What a person is asked to let inboxnet do: read mail and calendar, send them their monthly report, and
    /// keep doing so (a refresh token).</summary>
    public string DelegatedScope => $"offline_access {Resource}/User.Read {Resource}/Mail.Read {Resource}/Calendars.Read {Resource}/Mail.Send";

    private string Resource => new Uri(Endpoint).GetLeftPart(UriPartial.Authority);
}
