using System.Globalization;
using InboxNetworking.Core.Reports;

namespace InboxNetworking.Reporting;

/// <summary>"This month: what to do" in words: each action names the person or metric and the fact behind it.</summary>
internal static class ActionText
{
    public const string Title = "This month: what to do";

    public const string NothingToDo = "Nothing needs you this month: no reply is owed and your close ties are in their usual rhythm.";

    public static string Of(ActionItem a) => a.Kind switch
    {
        "reply" => string.Create(CultureInfo.InvariantCulture, $"Reply to {Who(a)}: their message has waited {a.Days:0} days."),
        "replies" => $"And {a.Count} more {(a.Count == 1 ? "reply" : "replies")} owed: see \"Replies you owe\".",
        "reconnect" => string.Create(CultureInfo.InvariantCulture, $"Get back in touch with {Who(a)}: no exchange both ways for {a.Days:0} days, well past your usual rhythm."),
        "follow-up" => string.Create(CultureInfo.InvariantCulture, $"Follow up with {Who(a)}: a new contact who answered you, not met yet; your last message was {a.Days:0} days ago."),
        "let-them-lead" => $"Leave room for {Who(a)} to start: you began {a.Started} of your last {a.Conversations} conversations.",
        "quiet-community" => string.Create(CultureInfo.InvariantCulture,
            $"Post again in {a.Name}: you posted {a.Count} times in the three months before, not this month (last {a.Days:0} days ago)."),
        _ => a.Kind,
    };

    private static string Who(ActionItem a) => a.Name ?? a.Address ?? "";
}
