using System.ComponentModel.DataAnnotations;

namespace InboxNetworking.Core.Extraction;

/// <summary>The thresholds of METRICS.md section 0; defaults are the Viva/Workplace Analytics ones.</summary>
public sealed class ExtractionOptions
{
    public const string Section = "InboxNet:Extraction";

    /// <summary>An email is meaningful among at most this many people, sender included (Viva Insights).</summary>
    [Range(2, 100)]
    public int MeaningfulMaxEmailPeople { get; set; } = 5;

    /// <summary>A meeting is meaningful with at most this many invitees (Viva Insights).</summary>
    [Range(2, 100)]
    public int MeaningfulMaxMeetingInvitees { get; set; } = 8;

    /// <summary>More participants than this (other than the sender) make a broadcast, never dyadic.</summary>
    [Range(2, 10_000)]
    public int BroadcastMinParticipants { get; set; } = 25;

    /// <summary>Replies later than this are not counted as replies (METRICS.md: 14 days).</summary>
    [Range(1, 365)]
    public int ReplyWindowDays { get; set; } = 14;

    public bool StripPlusTags { get; set; } = true;

    /// <summary>The organisation's domains; when empty, the owner's non-free-mail domains.</summary>
    public IList<string> InternalDomains { get; init; } = [];

    /// <summary>People the user asked never to count; also stripped retroactively at analysis.</summary>
    public IList<string> ExcludedAddresses { get; init; } = [];

    public IList<string> ExcludedDomains { get; init; } = [];
}
