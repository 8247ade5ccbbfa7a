using System.Text.Json;
using System.Text.Json.Nodes;
using InboxNetworking.Core.Reports;

namespace InboxNetworking.Reporting.Renderers;

/// <summary>The JSON report contract (README "JSON report"): the stored report, each contact with its reasons and each action with its text, in words.</summary>
public sealed class JsonReportRenderer : IReportRenderer
{
    public string Format => "json";

    public string FileExtension => ".json";

    public string Render(MonthlyReport report)
    {
        var json = JsonSerializer.SerializeToNode(report, ReportJson.Options)!.AsObject();
        var contacts = json["contacts"]!.AsArray();
        for (var k = 0; k < contacts.Count; k++)
            contacts[k]!["reasons"] = new JsonArray([.. ContactReasons.Of(report.Contacts[k], report.Month).Select(r => (JsonNode?)JsonValue.Create(r))]);
        var actions = json["actions"]!.AsArray();
        for (var k = 0; k < actions.Count; k++)
            actions[k]!["text"] = ActionText.Of(report.Actions[k]);
        json["areas"] = JsonSerializer.SerializeToNode(Areas.Of(report), ReportJson.Options);
        return json.ToJsonString(ReportJson.Options) + "\n";
    }
}
