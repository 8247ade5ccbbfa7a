namespace InboxNetworking.Scoring;

/// <summary>One unit of the ML scoring (METRICS.md "ML.NET scoring"): a contact at a cutoff t, its features
/// from data strictly before t, and its labels from [t, t + 3 months) where that window is covered by data.</summary>
/// <param name="Contact">The contact's index in the extracted network.</param>
/// <param name="Address">The contact's address.</param>
/// <param name="Cutoff">t: the first instant of the cutoff month, in the account's time zone.</param>
/// <param name="Features">In the order of <see cref="FeatureSchema.Names"/>; NaN where there is nothing to measure.</param>
/// <param name="Depth">L1: traffic both ways in the label window.</param>
/// <param name="OwnerReplies">L2: the owner answered, within 7 days, the contact's first message of the window that had the owner in To; null when there was none.</param>
/// <param name="ContactReplies">L3: the same the other way.</param>
public sealed record ContactMonth(
    int Contact,
    string Address,
    DateTimeOffset Cutoff,
    float[] Features,
    bool? Depth,
    bool? OwnerReplies,
    bool? ContactReplies);
