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
        var delta = session.Client.Users[settings.Mailbox].CalendarView.Delta;
        Task<DeltaGetResponse?> FetchAsync(string? link) => link is null
            ? delta.GetAsDeltaGetResponseAsync(r =>
            {
                Prefer(r);
                r.QueryParameters.StartDateTime = Iso(now.AddMonths(-options.CalendarMonthsBack));
                r.QueryParameters.EndDateTime = Iso(windowEnd);
            }, cancellationToken)
            : delta.WithUrl(link).GetAsDeltaGetResponseAsync(Prefer, cancellationToken);

        await foreach (var (page, next) in GraphDeltaRound.ReadAsync(link, FetchAsync, settings, "the calendar", cancellationToken))
        {
            var changes = new List<CalendarChange>();
            var quarantined = new List<QuarantineEntry>();
            foreach (var e in page.Value ?? [])
            {
                if (GraphDeltaRound.IsRemoved(e))
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
            yield return new SourceBatch([], changes, quarantined, Format(windowEnd, next));
        }
    }

    private void Prefer(RequestConfiguration<DeltaRequestBuilder.DeltaRequestBuilderGetQueryParameters> r)
    {
        r.Headers.Add("Prefer", $"odata.maxpagesize={options.PageSize}");
        r.Headers.Add("Prefer", "outlook.timezone=\"UTC\"");
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
