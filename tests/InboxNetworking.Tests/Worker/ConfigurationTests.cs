using System.Text.Json;
using InboxNetworking.Core.Extraction;
using InboxNetworking.Core.Metrics;
using InboxNetworking.Files;
using InboxNetworking.Graph;
using InboxNetworking.Imap;
using InboxNetworking.Reporting;
using InboxNetworking.Scoring.Evaluation;
using InboxNetworking.Worker.Hosting;

namespace InboxNetworking.Tests.Worker;

/// <summary>config/appsettings.json, the defaults users copy from, names only settings that exist.</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public void ShippedDefaults_NameEveryOptionAndNothingElse()
    {
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "appsettings.json"))).RootElement.GetProperty("InboxNet");
        foreach (var (section, type) in new[] { ("Extraction", typeof(ExtractionOptions)), ("Metrics", typeof(MetricsOptions)), ("Files", typeof(FilesOptions)), ("Imap", typeof(ImapOptions)), ("Graph", typeof(GraphOptions)), ("Worker", typeof(WorkerOptions)), ("Scoring", typeof(ScoringOptions)), ("Report", typeof(ReportOptions)), ("Store", typeof(StoreOptions)) })
        {
            var keys = json.GetProperty(section).EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
            var properties = type.GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(properties, keys);
        }
    }

    [Fact]
    public void ShippedDefaults_AreTheCodeDefaults()
    {
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "appsettings.json"))).RootElement.GetProperty("InboxNet");
        foreach (var (section, defaults) in new object[] { new ExtractionOptions(), new MetricsOptions(), new FilesOptions(), new ImapOptions(), new GraphOptions(), new WorkerOptions(), new ScoringOptions(), new ReportOptions(), new StoreOptions() }
            .Select(o => (o.GetType().Name.Replace("Options", "", StringComparison.Ordinal), o)))
        {
            foreach (var shipped in json.GetProperty(section).EnumerateObject())
            {
                var value = defaults.GetType().GetProperty(shipped.Name)!.GetValue(defaults);
                var expected = value switch
                {
                    System.Collections.ICollection c => c.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    TimeSpan t => t.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
                    bool b => b ? "True" : "False",
                    IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                    _ => value?.ToString(),
                };
                var actual = shipped.Value.ValueKind switch
                {
                    JsonValueKind.Array => shipped.Value.GetArrayLength().ToString(System.Globalization.CultureInfo.InvariantCulture),
                    JsonValueKind.Object => shipped.Value.EnumerateObject().Count().ToString(System.Globalization.CultureInfo.InvariantCulture),
                    JsonValueKind.True => "True",
                    JsonValueKind.False => "False",
                    JsonValueKind.String => shipped.Value.GetString(),
                    _ => shipped.Value.GetRawText(),
                };
                Assert.True(expected == actual, $"{section}:{shipped.Name} ships {actual}, the code default is {expected}");
            }
        }
    }
}
