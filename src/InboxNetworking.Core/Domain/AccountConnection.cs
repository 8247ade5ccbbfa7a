namespace InboxNetworking.Core.Domain;

/// <summary>How an account is reached: its connector kind, the connector's settings (opaque here), the
/// credential as the connector protected it, and how the last sync went.</summary>
public sealed record AccountConnection(
    long AccountId,
    string Kind,
    string Settings,
    string ProtectedSecret,
    ConnectionState State,
    string? LastError,
    DateTimeOffset? LastSyncAt,
    string? LastOutcome);

/// <summary>A connected account's health, as `accounts` and `status` show it.</summary>
public enum ConnectionState
{
    Ok,
    /// <summary>The server refused the credentials: only the person can fix it, by connecting again.</summary>
    NeedsReconnect,
    /// <summary>The last sync failed for another reason (unreachable, protocol errors); the next one retries.</summary>
    Failing,
}
