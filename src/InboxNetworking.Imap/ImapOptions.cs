using System.ComponentModel.DataAnnotations;

namespace InboxNetworking.Imap;

/// <summary>How IMAP accounts are read (section InboxNet:Imap).</summary>
public sealed class ImapOptions
{
    public const string Section = "InboxNet:Imap";

    /// <summary>UIDs committed together with one checkpoint (PLATFORM.md: 500-1000 was fastest), fetched up to 250 per FETCH.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 1000;

    /// <summary>How far back a first sync reads; 0 reads everything.</summary>
    [Range(0, 1200)]
    public int BackfillMonths { get; set; } = 24;

    /// <summary>Longest wait for one IMAP command before the connection is dropped and retried.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Reconnect attempts after an I/O or protocol error, with jittered exponential backoff.</summary>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = 5;

    /// <summary>The first backoff delay; each retry waits about twice as long.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long an account's circuit stays open after repeated failures.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Largest header block accepted for one message (bigger ones are quarantined).</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxHeaderBytes { get; set; } = 1024 * 1024;

    /// <summary>Folders to track instead of the discovered ones (names as the server spells them); empty: discover.</summary>
    public string[] Folders { get; set; } = [];
}
