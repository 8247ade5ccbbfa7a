using System.Globalization;
using System.Text;
using InboxNetworking.Core.Reports;

namespace InboxNetworking.Reporting.Renderers;

/// <summary>The month's contacts and scores as RFC 4180 CSV.</summary>
public sealed class CsvContactsRenderer : IReportRenderer
{
    public string Format => "csv";

    public string FileExtension => ".csv";

    public string Render(MonthlyReport report)
    {
        var csv = new StringBuilder("address,name,tier,depth,s0,reciprocity,interactions,firstSeen,lastSeen,interactionRankOut,interactionRankIn,weightedOut,weightedIn,activeDays,meetings,attentionHours,"
            + "interactionRank,initiationBalance,initiatedByOwner,initiatedByContact,ownerReplyRate,contactReplyRate,ownerMedianReplyHours,contactMedianReplyHours,"
            + "depthProbability,ownerReplyProbability,contactReplyProbability,reciprocityModel,replyAsymmetry\r\n");
        foreach (var c in report.Contacts)
        {
            csv.AppendJoin(',',
                Field(c.Address), Field(c.Name), Field(c.Tier), Number(c.Depth), Number(c.S0), Number(c.Reciprocity),
                c.Interactions.ToString(CultureInfo.InvariantCulture),
                c.FirstSeen.ToString("O", CultureInfo.InvariantCulture), c.LastSeen.ToString("O", CultureInfo.InvariantCulture),
                Number(c.InteractionRankOut), Number(c.InteractionRankIn), Number(c.WeightedOut), Number(c.WeightedIn),
                c.ActiveDays.ToString(CultureInfo.InvariantCulture), c.Meetings.ToString(CultureInfo.InvariantCulture), Number(c.AttentionHours),
                Number(c.InteractionRank), Number(c.ReciprocityParts?.InitiationBalance),
                (c.ReciprocityParts?.InitiatedByOwner ?? 0).ToString(CultureInfo.InvariantCulture), (c.ReciprocityParts?.InitiatedByContact ?? 0).ToString(CultureInfo.InvariantCulture),
                Number(c.OwnerReplyRate), Number(c.ContactReplyRate), Number(c.OwnerMedianReplyHours), Number(c.ContactMedianReplyHours),
                Number(c.DepthProbability), Number(c.OwnerReplyProbability), Number(c.ContactReplyProbability), Number(c.ReciprocityModel), Number(c.ReplyAsymmetry)).Append("\r\n");
        }
        return csv.ToString();
    }

    private static string Number(double? v) => v?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";

    /// <summary>Quotes where needed, and defuses cells a spreadsheet would run as a formula.</summary>
    private static string Field(string? s)
    {
        if (string.IsNullOrEmpty(s))
            return "";
        if (s[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            s = "'" + s;
        return s.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
    }
}
