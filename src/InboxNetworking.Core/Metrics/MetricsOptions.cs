using System.ComponentModel.DataAnnotations;

namespace InboxNetworking.Core.Metrics;

/// <summary>Metric thresholds from METRICS.md; the defaults cite their sources there.</summary>
public sealed class MetricsOptions
{
    public const string Section = "InboxNet:Metrics";

    /// <summary>The first months of data report no "new" contacts: everyone would be new.</summary>
    [Range(0, 24)]
    public int BurnInMonths { get; set; } = 3;

    /// <summary>Interaction Rank half-life (Roth et al., KDD 2010: lambda = 60 days).</summary>
    [Range(1, 3650)]
    public double InteractionRankHalfLifeDays { get; set; } = 60;

    [Range(1, 60)]
    public int TrendMonths { get; set; } = 12;

    /// <summary>Going cold: warn at G at or above this for core and strong ties (Navarro et al. 2017).</summary>
    [Range(1, 100)]
    public double GoingColdWarn { get; set; } = 3;

    /// <summary>Going cold: "likely lapsed" at G at or above this.</summary>
    [Range(1, 100)]
    public double GoingColdLapsed { get; set; } = 8;

    /// <summary>Going cold: the tie's usual gap is taken as at least this many days.</summary>
    [Range(0.0, 365.0)]
    public double GoingColdMinGapDays { get; set; } = 7;

    /// <summary>How many contacts the report's contact list and CSV hold at most.</summary>
    [Range(1, 100_000)]
    public int MaxContactsListed { get; set; } = 500;

    /// <summary>Tiers (METRICS.md 5): at most this many core ties, with at least this depth.</summary>
    [Range(0, 1000)]
    public int CoreMax { get; set; } = 5;

    [Range(0.0, 1.0)]
    public double CoreMinScore { get; set; } = 0.8;

    [Range(0, 1000)]
    public int StrongMax { get; set; } = 15;

    [Range(0.0, 1.0)]
    public double StrongMinScore { get; set; } = 0.6;

    [Range(0, 10_000)]
    public int ActiveMax { get; set; } = 50;

    [Range(0.0, 1.0)]
    public double ActiveMinScore { get; set; } = 0.3;

    /// <summary>The ego network holds at most this many alters (Dunbar's 150, METRICS.md 8).</summary>
    [Range(2, 1000)]
    public int MaxAlters { get; set; } = 150;

    /// <summary>"What to do": at most this many actions a month.</summary>
    [Range(6, 20)]
    public int ActionsMax { get; set; } = 7;

    /// <summary>Owed replies listed one by one (oldest first); the rest are counted in one more action.</summary>
    [Range(1, 5)]
    public int ActionRepliesListed { get; set; } = 3;

    /// <summary>Close ties going cold listed as "get back in touch" (the coldest first).</summary>
    [Range(0, 5)]
    public int ActionReconnectListed { get; set; } = 2;

    /// <summary>New contacts who answered but were not yet met or followed up, listed as "follow up" (the newest first).</summary>
    [Range(0, 5)]
    public int ActionFollowUpListed { get; set; } = 2;

    /// <summary>Mailing lists you posted to in the three months before but not this month, listed as "post again" (most posted first).</summary>
    [Range(0, 5)]
    public int ActionQuietCommunitiesListed { get; set; } = 1;

    /// <summary>Posts in the 90 days before the month that make a list one of "your" communities.</summary>
    [Range(1, 100)]
    public int ActionQuietCommunityMinPosts { get; set; } = 2;

    /// <summary>"Let them lead" when you started at least this share of the conversations (signed balance, 0..1)...</summary>
    [Range(0.0, 1.0)]
    public double ActionLetThemLeadBalance { get; set; } = 0.8;

    /// <summary>...over at least this many conversations in six months.</summary>
    [Range(2, 100)]
    public int ActionLetThemLeadMinConversations { get; set; } = 4;

    /// <summary>Outcome tags the user gives contacts (METRICS.md 4): address -> tags such as job, project, client.</summary>
    public IDictionary<string, string[]> OutcomeTags { get; init; } = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
}
