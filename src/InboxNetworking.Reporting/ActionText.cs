using InboxNetworking.Core.Reports;
using InboxNetworking.Reporting.Text;

namespace InboxNetworking.Reporting;

/// <summary>"This month: what to do" in words: each action names the person or metric and the fact behind it.</summary>
internal static class ActionText
{
    public static string Of(ReportText t, ActionItem a) => a.Kind switch
    {
        "reply" => t.Format("action.reply", Who(a), t.Count("days", a.Days)),
        "replies" => t.Count("action.replies", a.Count),
        "reconnect" => t.Format("action.reconnect", Who(a), t.Count("days", a.Days)),
        "follow-up" => t.Format("action.followUp", Who(a), t.Count("days", a.Days)),
        "let-them-lead" => t.Format("action.letThemLead", Who(a), a.Started, a.Conversations),
        "quiet-community" => t.Format("action.quietCommunity", a.Name, t.Count("times", a.Count), t.Count("days", a.Days)),
        _ => a.Kind,
    };

    private static string Who(ActionItem a) => a.Name ?? a.Address ?? "";
}
