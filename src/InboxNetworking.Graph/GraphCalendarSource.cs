using System.Globalization;
using System.Runtime.CompilerServices;
using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Ports;
using Microsoft.Graph.Users.Item.CalendarView.Delta;
using Microsoft.Kiota.Abstractions;

namespace InboxNetworking.Graph;

/// <summary>The mailbox's calendar by calendarView delta: every occurrence in a window from
/// <see cref="GraphOptions.CalendarMonthsBack"/> to <see cref="GraphOptions.CalendarMonthsAhead"/>, page by page,
/// each page committed with its link.</summary>
/// <remarks>A calendarView delta tracks the window its first request named. The checkpoint keeps that window's end;
/// when it comes within a month, a new round over a new window starts (unchanged occurrences change nothing).</remarks>
public sealed class GraphCalendarSource(GraphSession session, GraphSettings settings, GraphOptions options, TimeProvider time) : ICalendarSource
{
    public string SourceKey => "graph:calendar";

    public async IAsyncEnumerable<SourceBatch> ReadAsync(string? checkpoint, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (windowEnd, link) = Parse(checkpoint);
        if (link is null || windowEnd < now.AddMonths(1))
            (windowEnd, link) = (now.AddMonths(options.CalendarMonthsAhead), null);
        var startedOver = false;
        while (true)
        {
            var (page, gone) = await FetchAsync(link, now, windowEnd, cancellationToken);
            if (gone)
            {
                if (startedOver)
                    throw new SourceUnavailableException($"server: {new Uri(settings.Endpoint).Host} forgot the calendar's delta state twice in one sync");
                (startedOver, link) = (true, null);
                continue;
            }
            var changes = new List<CalendarChange>();
            var quarantined = new List<QuarantineEntry>();
            foreach (var e in page!.Value ?? [])
            {
                if (e.AdditionalData?.ContainsKey("@removed") == true)
                {
                    if (e.Id is { } removed)
                        changes.Add(GraphEventReader.Removed(removed));
                    continue;
                }
                var (change, problem) = GraphEventReader.Read(e);
                if (change is not null)
                    changes.Add(change);
                else
                    quarantined.Add(new QuarantineEntry(SourceKey, e.Id ?? "(no id)", problem!));
            }
            var next = page.OdataNextLink ?? page.OdataDeltaLink
                ?? throw new SourceUnavailableException($"server: {new Uri(settings.Endpoint).Host} answered a calendar delta page with neither @odata.nextLink nor @odata.deltaLink");
            yield return new SourceBatch([], changes, quarantined, Format(windowEnd, next));
            if (page.OdataNextLink is null)
                yield break;
            link = next;
        }
    }

    private async Task<(DeltaGetResponse? Page, bool Gone)> FetchAsync(string? link, DateTimeOffset now, DateTimeOffset windowEnd, CancellationToken cancellationToken)
    {
        var delta = session.Client.Users[settings.Mailbox].CalendarView.Delta;
        return await GraphDeltaPage.FetchAsync(
            () => link is null ? delta.GetAsDeltaGetResponseAsync(Configure, cancellationToken) : delta.WithUrl(link).GetAsDeltaGetResponseAsync(Configure, cancellationToken),
            link is not null, settings, "the calendar");

        void Configure(RequestConfiguration<DeltaRequestBuilder.DeltaRequestBuilderGetQueryParameters> r)
        {
            if (link is null)
            {
                r.QueryParameters.StartDateTime = Iso(now.AddMonths(-options.CalendarMonthsBack));
                r.QueryParameters.EndDateTime = Iso(windowEnd);
            }
            r.Headers.Add("Prefer", $"odata.maxpagesize={options.PageSize}");
            r.Headers.Add("Prefer", "outlook.timezone=\"UTC\"");
        }
    }

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>"window end (unix seconds) SPACE link".</summary>
    private static string Format(DateTimeOffset windowEnd, string link) =>
        windowEnd.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + " " + link;

    private static (DateTimeOffset WindowEnd, string? Link) Parse(string? checkpoint)
    {
        var space = checkpoint?.IndexOf(' ', StringComparison.Ordinal) ?? -1;
        return space > 0 && long.TryParse(checkpoint![..space], NumberStyles.Integer, CultureInfo.InvariantCulture, out var end)
            ? (DateTimeOffset.FromUnixTimeSeconds(end), checkpoint[(space + 1)..])
            : (DateTimeOffset.MinValue, null);
    }
}
