using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace InboxNetworking.Core.Reports;

/// <summary>The one JSON form of a report: the stored snapshot and the published contract are the same.</summary>
public static class ReportJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(MonthlyReport report) => JsonSerializer.Serialize(report, Options);

    public static MonthlyReport Deserialize(string json) =>
        JsonSerializer.Deserialize<MonthlyReport>(json, Options) ?? throw new JsonException("empty report");
}
