using System.ComponentModel.DataAnnotations;

namespace InboxNetworking.Files;

/// <summary>How the files connector reads exports.</summary>
public sealed class FilesOptions
{
    public const string Section = "InboxNet:Files";

    /// <summary>Messages (or calendar files) committed together with one checkpoint.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Recurring events are expanded up to this many months after today.</summary>
    [Range(0, 120)]
    public int RecurrenceWindowMonthsAhead { get; set; } = 3;

    /// <summary>A safety bound for rules that never end (FREQ=MINUTELY and the like).</summary>
    [Range(1, 1_000_000)]
    public int MaxOccurrencesPerSeries { get; set; } = 2000;

    /// <summary>A time budget for expanding one series, against rules that are slow to evaluate.</summary>
    public TimeSpan MaxExpansionTime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Largest single message file read (bigger ones are quarantined).</summary>
    [Range(1024, long.MaxValue)]
    public long MaxMessageBytes { get; set; } = 64L * 1024 * 1024;
}
