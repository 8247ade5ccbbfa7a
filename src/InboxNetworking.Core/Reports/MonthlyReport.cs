namespace InboxNetworking.Core.Reports;

/// <summary>One account's networking report for one calendar month. Its JSON form (camelCase) is the
/// report contract other tools read: field names are part of the product.</summary>
public sealed record MonthlyReport
{
    /// <summary>2: reasons, actions, areas, per-contact figures, the ML fields and the appendix added; every field of 1 kept.</summary>
    public const int CurrentSchemaVersion = 2;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required string Account { get; init; }
    public required string Month { get; init; }
    public required string TimeZone { get; init; }
    public required Totals Totals { get; init; }
    public required NewContactsMetric NewContacts { get; init; }
    public required FrequencyMetric Frequency { get; init; }
    public required EngagementMetric Engagement { get; init; }
    public required ConversionMetric Conversion { get; init; }
    public required DepthMetric Depth { get; init; }
    public required ReciprocityMetric Reciprocity { get; init; }
    public required InfluenceMetric Influence { get; init; }
    public required AccessMetric Access { get; init; }
    public required IReadOnlyList<ContactRow> Contacts { get; init; }
    public required IReadOnlyList<GoingColdRow> GoingCold { get; init; }
    public required IReadOnlyList<OwedReply> OwedReplies { get; init; }
    /// <summary>This month: what to do, ranked (README "What to do"); at most MetricsOptions.ActionsMax.</summary>
    public IReadOnlyList<ActionItem> Actions { get; init; } = [];
    public required ScoringNote Scoring { get; init; }
}

/// <summary>One thing to do, with the fact behind it; the report words it in its language. Kind: reply (a reply
/// owed; Days waiting), replies (the owed replies not listed one by one: Count), reconnect (a close tie going
/// cold; Days since a two-way exchange), follow-up (a new contact who answered, not met yet; Days since your
/// last message), let-them-lead (a close tie where you start nearly every conversation:
/// Started of Conversations).</summary>
public sealed record ActionItem(string Kind, string? Address = null, string? Name = null, int Count = 0, double Days = 0, int Started = 0, int Conversations = 0);

/// <summary>The month's volume: messages before exclusions, events, and contacts met meaningfully.</summary>
public sealed record Totals(int Messages, int MessagesSent, int MessagesReceived, int Events, int Contacts);

/// <summary>One month of a metric's headline value; null where the month has none (burn-in, no data).</summary>
public sealed record TrendPoint(string Month, double? Value);

/// <summary>What every metric has: a headline value and its 12-month trend, oldest first.</summary>
public abstract record Metric
{
    public double? Value { get; init; }
    public IReadOnlyList<TrendPoint> Trend { get; init; } = [];
    /// <summary>The previous month's value; null where there is no earlier month (or it had none).</summary>
    public double? Previous { get; init; }
    /// <summary>The person's usual level: the median of the values of the 12 months before this one; null without history.</summary>
    public double? Usual { get; init; }
}

/// <summary>1. New contacts: first meaningful interaction in the month, by how it began.</summary>
public sealed record NewContactsMetric : Metric
{
    public bool BurnIn { get; init; }
    public int OwnerInitiated { get; init; }
    public int ContactInitiated { get; init; }
    public int Introduced { get; init; }
    public int MetAtMeeting { get; init; }
    public int Internal { get; init; }
    public int External { get; init; }
    public int NewOrganizations { get; init; }
    public int Engaged { get; init; }
    public IReadOnlyList<Introduction> Introductions { get; init; } = [];
}

/// <summary>Who introduced whom.</summary>
public sealed record Introduction(string Contact, string Introducer);

/// <summary>2. Interaction frequency: network size and how attention is spread.</summary>
public sealed record FrequencyMetric : Metric
{
    public int NetworkSize { get; init; }
    public int ReciprocalNetworkSize { get; init; }
    public int MeaningfulInteractions { get; init; }
    public double WeightedOut { get; init; }
    public double WeightedIn { get; init; }
    public double? Top5Share { get; init; }
    public double? Top15Share { get; init; }
    public double MeetingHours { get; init; }
}

/// <summary>3. Engagement in communities and events.</summary>
public sealed record EngagementMetric : Metric
{
    public int ActiveCommunities { get; init; }
    /// <summary>Recurring sets of co-recipients: the same people together 3+ times in 90 days.</summary>
    public int RecurringGroups { get; init; }
    public int ListPosts { get; init; }
    public int ListReceived { get; init; }
    public double? RsvpAcceptanceRate { get; init; }
    public int EventsAttended { get; init; }
    public double? OrganizerShare { get; init; }
    public double? EventContactConversion { get; init; }
}

/// <summary>4. Conversion of contacts into outcomes: the funnel and cohorts.</summary>
public sealed record ConversionMetric : Metric
{
    public required Funnel Funnel { get; init; }
    public IReadOnlyList<Cohort> Cohorts { get; init; } = [];
    /// <summary>Per outcome tag the user set: tagged contacts seen in 12 months, and how many of them met or collaborated.</summary>
    public IReadOnlyList<OutcomeCount> Outcomes { get; init; } = [];
}

/// <summary>How one outcome tag stands at the month's end.</summary>
public sealed record OutcomeCount(string Tag, int Contacts, int Converted);

/// <summary>Contacts seen in the last 12 months by the furthest stage they reached.</summary>
public sealed record Funnel(int Seen, int Engaged, int Recurring, int Met, int Collaboration);

/// <summary>New contacts of one month and how many converted (met or collaborated) by each horizon;
/// null where the horizon has not passed yet (censored).</summary>
public sealed record Cohort(string Month, int NewContacts, int? Converted30, int? Converted60, int? Converted90, int? Converted180);

/// <summary>5. Depth (tie strength): tiers from the depth score.</summary>
public sealed record DepthMetric : Metric
{
    public int Core { get; init; }
    public int Strong { get; init; }
    public int Active { get; init; }
    public int Weak { get; init; }
    public int Dormant { get; init; }
}

/// <summary>6. Reciprocity (mutual benefit).</summary>
public sealed record ReciprocityMetric : Metric
{
    public double? InitiationBalance { get; init; }
    public double? OwnerReplyRate { get; init; }
    public double? ContactReplyRate { get; init; }
    public int LopsidedContacts { get; init; }
}

/// <summary>7. Reputation and influence.</summary>
public sealed record InfluenceMetric : Metric
{
    public int DistinctInitiators { get; init; }
    public int OrganizersInviting { get; init; }
    public double? RequiredShare { get; init; }
    public double? ContactReplyRate { get; init; }
    public double? ContactMedianReplyHours { get; init; }
    public double? OwnerMeetingAcceptance { get; init; }
    public double? InitiatorsMeanDegree { get; init; }
}

/// <summary>8. Access to information: brokerage and diversity of the ego network.</summary>
public sealed record AccessMetric : Metric
{
    public int Alters { get; init; }
    /// <summary>Clusters of the alter-alter graph (label propagation); isolated alters count as their own.</summary>
    public int Clusters { get; init; }
    public double? Constraint { get; init; }
    public double? EffectiveSize { get; init; }
    public double? Efficiency { get; init; }
    public double? ContactEntropy { get; init; }
    public double? OrganizationEntropy { get; init; }
    public double? CommunityEntropy { get; init; }
    public int ExternalOrganizationsTwoWay { get; init; }
    public int BridgingTies { get; init; }
    public double? BridgingStrength { get; init; }
}

/// <summary>One contact as of the month's end.</summary>
public sealed record ContactRow
{
    public required string Address { get; init; }
    public string? Name { get; init; }
    public required string Tier { get; init; }
    public double Depth { get; init; }
    public double? Reciprocity { get; init; }
    public int Interactions { get; init; }
    public required DateTimeOffset FirstSeen { get; init; }
    public required DateTimeOffset LastSeen { get; init; }
    public double S0 { get; init; }
    /// <summary>Where the ML depth model is used (see the report's scoring note): the calibrated probability of
    /// traffic both ways in the three months after the month's end, which is then also <see cref="Depth"/>.</summary>
    public double? DepthProbability { get; init; }
    /// <summary>What moved this contact's score, in plain words ("raised by their recent messages to you"): reports
    /// analysed before <see cref="ScoreFactors"/> existed kept only these English words; renderers write the words
    /// from the factors, in the report's language.</summary>
    public IReadOnlyList<string>? ScoreReasons { get; init; }
    /// <summary>Where the depth model is used: the features that moved this contact's score most (its feature
    /// contributions), largest first.</summary>
    public IReadOnlyList<ScoreFactor>? ScoreFactors { get; init; }
    public ReciprocityParts? ReciprocityParts { get; init; }
    /// <summary>Where the reply models are used (see the scoring note): the probability that you answer this
    /// contact's next message to you within 7 days, and that they answer yours; null otherwise.</summary>
    public double? OwnerReplyProbability { get; init; }
    public double? ContactReplyProbability { get; init; }
    /// <summary>Reciprocity's ML part, sqrt(P_owner x P_contact), beside the observed parts (not averaged into
    /// <see cref="Reciprocity"/>), and the asymmetry P_owner - P_contact (positive: you are the likelier to answer).</summary>
    public double? ReciprocityModel { get; init; }
    public double? ReplyAsymmetry { get; init; }
    /// <summary>Why the depth is what it is: recency-weighted traffic each way (Interaction Rank, half-life 60 days),
    /// the decayed sums over all the contact's history, for every contact listed.</summary>
    public double InteractionRankOut { get; init; }
    public double InteractionRankIn { get; init; }
    /// <summary>IR = 2 x out + in (METRICS.md 2): the figure contacts are ranked by.</summary>
    public double InteractionRank { get; init; }
    /// <summary>Over the six months before the month's end: the share of the contact's meaningful messages with the
    /// owner in To that the owner answered within 7 days, and the reverse; null where there was nothing to answer.</summary>
    public double? OwnerReplyRate { get; init; }
    public double? ContactReplyRate { get; init; }
    /// <summary>Median reply latency of each side over the same six months, in hours; null where nobody replied.</summary>
    public double? OwnerMedianReplyHours { get; init; }
    public double? ContactMedianReplyHours { get; init; }
    /// <summary>Meaningful messages each way in the 28 and the 90 days before the month's end: the facts the
    /// report's reasons are told from.</summary>
    public int MessagesOut28 { get; init; }
    public int MessagesIn28 { get; init; }
    public int MessagesOut90 { get; init; }
    public int MessagesIn90 { get; init; }
    /// <summary>Meaningful meetings together in the 90 days before the month's end.</summary>
    public int Meetings90 { get; init; }
    /// <summary>Last month's depth score, where the contact was scored then.</summary>
    public double? PreviousDepth { get; init; }
    /// <summary>The month's frequency (METRICS.md 2): size-weighted email volume each way, active days, meetings, attention hours.</summary>
    public double WeightedOut { get; init; }
    public double WeightedIn { get; init; }
    public int ActiveDays { get; init; }
    public int Meetings { get; init; }
    public double AttentionHours { get; init; }
}

/// <summary>Each reciprocity component on 0..1 (1 = balanced), null where the data has none; and who starts the
/// conversations: the signed balance (I_o - I_c)/(I_o + I_c) of METRICS.md 6 (+1 the owner always starts,
/// -1 the contact always does) with the thread counts behind it.</summary>
public sealed record ReciprocityParts(
    double? Initiation, double? Replies, double? LatencySymmetry, double? Organizing, double? Volume, double? Services,
    double? InitiationBalance = null, int InitiatedByOwner = 0, int InitiatedByContact = 0);

/// <summary>A core or strong tie that has gone quiet for longer than its usual rhythm.</summary>
public sealed record GoingColdRow(string Address, string? Name, string Tier, double DaysSinceTwoWay, double? MedianGapDays, double? G, string Level);

/// <summary>A message from a close contact, to the owner directly, still unanswered at the month's end.</summary>
public sealed record OwedReply(string Address, string? Name, DateTimeOffset Received, double DaysWaiting);

/// <summary>How depth was scored this month, and why.</summary>
/// <param name="Method">"S0 percentile" or "ML depth model".</param>
/// <param name="Reason">Why this method, in words (the evaluation's figures when a model was weighed).</param>
/// <param name="ModelVersion">The model's version (its training window) when the depth is the model's probability.</param>
public sealed record ScoringNote(string Method, string Reason, string? ModelVersion = null)
{
    /// <summary>Whether reciprocity's ML part is shown, and why (null where no reply model was weighed).</summary>
    public string? Reciprocity { get; init; }

    /// <summary>The report's appendix: how each model was tested against the baselines, and what it relies on.</summary>
    public IReadOnlyList<ModelEvaluation>? Evaluations { get; init; }
}

/// <summary>One model's test on the account's own history (rolling origin): its figures beside the baselines'.</summary>
/// <param name="Label">"depth", "replyOwner" or "replyContact".</param>
/// <param name="Rows">Labelled (contact, month) rows.</param>
/// <param name="Positives">Of which positive.</param>
/// <param name="Used">"model" or "s0".</param>
/// <param name="Scorers">The model and each baseline on the same test rows; empty where nothing could be tested.</param>
/// <param name="Importance">Permutation feature importance, largest first; null where it could not be measured.</param>
/// <param name="Gain">The model's ROC-AUC gain over Interaction Rank with its bootstrap 95% interval; null where nothing
/// was tested (and in reports analysed before it was kept).</param>
/// <param name="PooledAccounts">Accounts whose rows the model trained on together (0: this account's alone).</param>
public sealed record ModelEvaluation(
    string Label, int Rows, int Positives, string Used, IReadOnlyList<ScorerFigures> Scorers, IReadOnlyList<FeatureImportance>? Importance,
    AucGain? Gain = null, int PooledAccounts = 0);

/// <summary>An AUC gain and its 95% interval.</summary>
public sealed record AucGain(double Mean, double Low, double High);

/// <summary>ROC-AUC, PR-AUC and (for probabilities) Brier score of one scorer on the test rows.</summary>
public sealed record ScorerFigures(string Scorer, double RocAuc, double PrAuc, double? Brier);

/// <summary>How much ROC-AUC falls when the feature is shuffled, with what it measures in plain words.</summary>
public sealed record FeatureImportance(string Feature, double AucDrop);

/// <summary>A feature that moved a contact's score, up (<paramref name="Raised"/>) or down; its name is one of the
/// scoring features (renderers say it in words).</summary>
public sealed record ScoreFactor(string Feature, bool Raised);
