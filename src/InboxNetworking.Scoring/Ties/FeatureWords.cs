using System.Text.RegularExpressions;

namespace InboxNetworking.Scoring.Ties;

/// <summary>A feature's contribution to a score, said in plain words ("raised by their recent messages to you").</summary>
public static partial class FeatureWords
{
    public static string Reason(string feature, float contribution) =>
        (contribution >= 0 ? "raised by " : "lowered by ") + Describe(feature);

    /// <summary>What a feature of <see cref="FeatureSchema.Names"/> measures, for a person.</summary>
    public static string Describe(string feature)
    {
        if (Windowed().Match(feature) is { Success: true } w)
        {
            var months = int.Parse(w.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            var span = months == 1 ? "the last month" : $"the last {months} months";
            return w.Groups[1].Value switch
            {
                "weightedOut" => $"how much you wrote to them in {span}",
                "weightedIn" => $"how much they wrote to you in {span}",
                "activeDays" => $"the days you were in touch in {span}",
                "activeWeeks" => $"the weeks you were in touch in {span}",
                "meetings" => $"your meetings together in {span}",
                "attentionHours" => $"your hours in meetings together in {span}",
                "oneToOneShare" => $"how much of your mail was one-to-one in {span}",
                _ => $"how much of your mail was in small groups in {span}",
            };
        }
        if (Rank().Match(feature) is { Success: true } r)
            return r.Groups[1].Value == "Out" ? "your recent messages to them" : "their recent messages to you";
        return feature switch
        {
            "daysSinceLast" => "how recently you were in touch",
            "daysSinceLastTwoWay" => "how recently you wrote both ways",
            "daysSinceFirst" => "how long you have known each other",
            "gapMedianDays" => "the usual gap between your contacts",
            "burstiness" => "how bursty your contact is",
            "ownerReplyRate" => "how often you answer them",
            "contactReplyRate" => "how often they answer you",
            "ownerMedianReplyHours" => "how fast you answer them",
            "contactMedianReplyHours" => "how fast they answer you",
            "attachmentsOut" => "the files you sent them",
            "attachmentsIn" => "the files they sent you",
            "introductions" => "the people they introduced",
            "sharedContacts" => "the people you both write with",
            "internal" => "being in your organisation",
            "broadcastShare" => "mail to large groups",
            "largeMeetingShare" => "large meetings",
            _ => feature,
        };
    }

    [GeneratedRegex("^(weightedOut|weightedIn|activeDays|activeWeeks|meetings|attentionHours|oneToOneShare|smallGroupShare)(\\d+)m$")]
    private static partial Regex Windowed();

    [GeneratedRegex("^rank(Out|In)\\d+d$")]
    private static partial Regex Rank();
}
