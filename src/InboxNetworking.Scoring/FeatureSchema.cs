namespace InboxNetworking.Scoring;

/// <summary>The feature names, in the order of <see cref="ContactMonth.Features"/>.</summary>
public static class FeatureSchema
{
    /// <summary>The windows (in months before the cutoff) of the windowed features.</summary>
    public static readonly int[] WindowMonths = [1, 3, 6, 12];

    /// <summary>Interaction Rank half-lives (days): METRICS.md's 30/90/180 and the product's own 60, which the
    /// Interaction Rank and S0 baselines read.</summary>
    public static readonly int[] RankHalfLives = [30, 60, 90, 180];

    private static readonly string[] Windowed =
        ["weightedOut", "weightedIn", "activeDays", "activeWeeks", "meetings", "attentionHours", "oneToOneShare", "smallGroupShare"];

    private static readonly string[] Single =
    [
        "daysSinceLast", "daysSinceLastTwoWay", "daysSinceFirst", "gapMedianDays", "burstiness",
        "ownerReplyRate", "contactReplyRate", "ownerMedianReplyHours", "contactMedianReplyHours",
        "attachmentsOut", "attachmentsIn", "introductions", "sharedContacts", "internal", "broadcastShare", "largeMeetingShare",
    ];

    public static readonly IReadOnlyList<string> Names =
    [
        .. WindowMonths.SelectMany(m => Windowed.Select(f => $"{f}{m}m")),
        .. RankHalfLives.SelectMany(h => new[] { $"rankOut{h}d", $"rankIn{h}d" }),
        .. Single,
    ];

    private static readonly Dictionary<string, int> Positions = Names.Select((n, k) => (n, k)).ToDictionary(x => x.n, x => x.k, StringComparer.Ordinal);

    /// <summary>The position of a feature in <see cref="ContactMonth.Features"/> (looked up per row: a dictionary, not a scan).</summary>
    public static int IndexOf(string name) =>
        Positions.TryGetValue(name, out var k) ? k : throw new ArgumentException($"no feature '{name}'", nameof(name));
}
