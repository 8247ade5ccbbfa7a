using InboxNetworking.Core.Domain;

namespace InboxNetworking.Storage;

/// <summary>Attendees as JSON text in one column: read with the event, rewritten by a REPLY.</summary>
internal static class AttendeeList
{
    private sealed record Row(string A, string? N, AttendeeResponse R, bool O);

    public static string Encode(IReadOnlyList<Attendee> attendees) =>
        System.Text.Json.JsonSerializer.Serialize(attendees.Select(a => new Row(a.Address, a.DisplayName, a.Response, a.Optional)));

    public static List<Attendee> Decode(string json) =>
        (System.Text.Json.JsonSerializer.Deserialize<List<Row>>(json) ?? []).Select(r => new Attendee(r.A, r.N, r.R, r.O)).ToList();
}
