using System.Text.Json;
using System.Text.Json.Nodes;
using InboxNetworking.Core.Reports;
using InboxNetworking.Reporting.Text;

namespace InboxNetworking.Reporting.Renderers;

/// <summary>The JSON report contract (README "JSON report"): the stored report, each contact with its reasons and each action with its text, in words.</summary>
/// <param name="text">The language of the words (reasons, action texts, areas); field names never change.</param>
public sealed class JsonReportRenderer(ReportText? text = null) : IReportRenderer
{
    private readonly ReportText t = text ?? ReportText.English;

    public string Format => "json";

    public string FileExtension => ".json";

    public string Render(MonthlyReport report)
    {
        var json = JsonSerializer.SerializeToNode(report, ReportJson.Options)!.AsObject();
        var contacts = json["contacts"]!.AsArray();
        for (var k = 0; k < contacts.Count; k++)
        {
            contacts[k]!["reasons"] = Strings(ContactReasons.Of(t, report.Contacts[k], report.Month));
            contacts[k]!["scoreReasons"] = ScoringAppendix.ScoreReasons(t, report.Contacts[k]) is { } words ? Strings(words) : null;
        }
        // Each feature in the appendix's importance list also in words, as before the words moved to the resources.
        foreach (var importance in json["scoring"]?["evaluations"]?.AsArray().Select(e => e?["importance"]).OfType<JsonArray>() ?? [])
        {
            foreach (var item in importance.OfType<JsonObject>())
                item["words"] = ScoringAppendix.Feature(t, (string)item["feature"]!);
        }
        var actions = json["actions"]!.AsArray();
        for (var k = 0; k < actions.Count; k++)
            actions[k]!["text"] = ActionText.Of(t, report.Actions[k]);
        json["areas"] = JsonSerializer.SerializeToNode(Areas.Of(t, report), ReportJson.Options);
        return json.ToJsonString(ReportJson.Options) + "\n";
    }

    private static JsonArray Strings(IEnumerable<string> words) => new([.. words.Select(w => (JsonNode?)JsonValue.Create(w))]);
}
