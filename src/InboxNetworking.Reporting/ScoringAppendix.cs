using InboxNetworking.Core.Reports;
using InboxNetworking.Core.Scoring;
using InboxNetworking.Reporting.Text;

namespace InboxNetworking.Reporting;

/// <summary>The words of the scores: each model's test on the account's own history (the appendix), the scorers,
/// and the features that moved a contact's score.</summary>
public static class ScoringAppendix
{
    /// <summary>The scorers of the appendix by the names the evaluation gives them.</summary>
    private static readonly Dictionary<string, string> Scorers = new(StringComparer.Ordinal)
    {
        ["model"] = "scorer.model", ["prior rate"] = "scorer.prior", ["raw count"] = "scorer.rawCount", ["recency"] = "scorer.recency",
        ["Interaction Rank"] = "scorer.interactionRank", ["S0 (power mean)"] = "scorer.powerMean", ["logistic (5 features)"] = "scorer.logistic",
    };

    private static readonly Dictionary<string, string> Methods = new(StringComparer.Ordinal)
    {
        ["S0 percentile"] = "method.s0", ["ML depth model"] = "method.model",
    };

    public static string Summary(ReportText t, ModelEvaluation e) =>
        t.Format("appendix.summary", Title(t, e.Label), e.Rows, e.Positives,
            t[e.Used == "model" ? "appendix.used" : e.Scorers.Count == 0 ? "appendix.noHistory" : "appendix.notUsed"]);

    public static string Number(ReportText t, double? v) => v is { } x && !double.IsNaN(x) ? t.Number(x, "0.000") : "-";

    public static string Scorer(ReportText t, string name) => Scorers.TryGetValue(name, out var key) ? t[key] : name;

    /// <summary>The scoring method ("S0 percentile", "ML depth model") in the report's language.</summary>
    public static string Method(ReportText t, string method) => Methods.TryGetValue(method, out var key) ? t[key] : method;

    /// <summary>What a scoring feature measures, for a person ("their recent messages to you").</summary>
    public static string Feature(ReportText t, string feature) => t[$"feature.{feature}"];

    /// <summary>"raised by their recent messages to you".</summary>
    public static string Factor(ReportText t, ScoreFactor f) => t.Format(f.Raised ? "score.raised" : "score.lowered", Feature(t, f.Feature));

    /// <summary>What moved a contact's score, in words: from its factors, else the words an older analysis kept.</summary>
    public static IReadOnlyList<string>? ScoreReasons(ReportText t, ContactRow c) =>
        c.ScoreFactors is { } factors ? [.. factors.Select(f => Factor(t, f))] : c.ScoreReasons;

    /// <summary>"How this was measured": the method and why, from the decisions the report keeps (a report analysed
    /// before they were kept says what its note said then).</summary>
    public static string Paragraph(ReportText t, ScoringNote note)
    {
        var method = Method(t, note.Method) + (note.ModelVersion is { } version ? $" ({version})" : "");
        var depth = note.Evaluations?.FirstOrDefault(e => e.Label == "depth");
        if (note.Method == TransparentScorer.Method && depth is null)
            return $"{method}: {t["measured.s0"]}"; // no model was weighed (ML scoring off)
        if (note.Evaluations is not { } evaluations || depth is null || (depth.Used == "model" && depth.Gain is null))
            return $"{method}: {note.Reason}{(note.Reciprocity is { } reciprocity ? " " + reciprocity : "")}";
        string Signed(double x) => t.Number(x, "+0.000;-0.000");
        var parts = new List<string>();
        if (depth is { Used: "model", Gain: { } g })
            parts.Add(t.Format("measured.model", Signed(g.Mean), Signed(g.Low), Signed(g.High)));
        else
        {
            parts.Add(t["measured.s0"]);
            if (depth.Gain is { } weak)
                parts.Add(t.Format("measured.notUsed.weak", Signed(weak.Mean), Signed(weak.Low), Signed(weak.High)));
            else
                parts.Add(t.Format("measured.notUsed.history", depth.Rows, depth.Positives));
        }
        var replies = evaluations.Where(e => e.Label is "replyOwner" or "replyContact").ToList();
        if (replies.Count == 2)
            parts.Add(t[replies.All(e => e.Used == "model") ? "measured.reciprocity.model" : "measured.reciprocity.none"]);
        if (evaluations.Max(e => e.PooledAccounts) is > 0 and var pooled)
            parts.Add(t.Format("measured.pooled", pooled));
        return $"{method}: {string.Join(" ", parts)}";
    }

    private static string Title(ReportText t, string label) => label is "depth" or "replyOwner" or "replyContact" ? t[$"label.{label}"] : label;
}
