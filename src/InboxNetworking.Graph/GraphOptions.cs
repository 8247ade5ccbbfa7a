using System.ComponentModel.DataAnnotations;

namespace InboxNetworking.Graph;

/// <summary>How Microsoft Graph accounts are read (section InboxNet:Graph).</summary>
public sealed class GraphOptions
{
    public const string Section = "InboxNet:Graph";

    /// <summary>Messages asked for per delta page (Prefer: odata.maxpagesize); each page is committed with its link.</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 500;

    /// <summary>Longest wait for one request before it is abandoned and retried.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Retries after a 429, 503, 504, a timeout or a network error.</summary>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = 5;

    /// <summary>The first backoff delay when the server gives no Retry-After; each retry waits about twice as long.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest Retry-After honoured; a longer one ends this sync (the next one goes on from the checkpoint).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far back the calendar is read (calendarView needs a window).</summary>
    [Range(1, 240)]
    public int CalendarMonthsBack { get; set; } = 24;

    /// <summary>How far ahead the calendar window reaches; a new window starts when its end is a month away.</summary>
    [Range(2, 24)]
    public int CalendarMonthsAhead { get; set; } = 3;

    /// <summary>Well-known folders to track instead of Inbox, Sent Items and Archive (Graph's names: inbox, sentitems,
    /// archive, ...); empty: those three. A folder the mailbox lacks is left out at connect.</summary>
    public string[] Folders { get; set; } = [];

    /// <summary>Never Junk Email, Deleted Items or Drafts: they are nobody's relationship.</summary>
    public IReadOnlyList<string> TrackedFolders() => Folders.Length > 0 ? Folders : ["inbox", "sentitems", "archive"];
}
