using System.Globalization;
using InboxNetworking.Core.Reports;

namespace InboxNetworking.Reporting;

/// <summary>The words of the report's appendix: each model's test on the account's own history.</summary>
internal static class ScoringAppendix
{
    public const string Heading = "Appendix: how the scores were tested";

    public const string Explanation =
        "Each model was trained month by month on earlier months only and tested on later ones, beside simple rules on the same rows. "
        + "It is used only where it beats Interaction Rank by at least 0.02 ROC-AUC with the 95% interval above 0.";

    public const string ImportanceHeading = "What the model relies on most (ROC-AUC lost when the figure is shuffled)";

    public static string Summary(ModelEvaluation e) =>
        string.Create(CultureInfo.InvariantCulture, $"{Title(e.Label)}: {e.Rows} rows, {e.Positives} positive; ")
        + (e.Used == "model" ? "the model is used" : e.Scorers.Count == 0 ? "too little history to test a model" : "the model is not used");

    public static string Number(double? v) => v is { } x && !double.IsNaN(x) ? x.ToString("0.000", CultureInfo.InvariantCulture) : "-";

    private static string Title(string label) => label switch
    {
        "depth" => "Depth (traffic both ways in the next 3 months)",
        "replyOwner" => "You reply within 7 days",
        "replyContact" => "They reply within 7 days",
        _ => label,
    };
}
