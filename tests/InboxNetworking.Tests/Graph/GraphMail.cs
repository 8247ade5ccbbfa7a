using System.Globalization;
using System.Text.Json.Nodes;

namespace InboxNetworking.Tests.Graph;

/// <summary>Messages as Graph returns them (every property a full GET gives, the body among them), for the test server.</summary>
internal static class GraphMail
{
    /// <summary>In every body: it must never reach the store.</summary>
    public const string BodyText = "BODY-TEXT-that-must-never-be-stored";

    public static JsonObject Message(string id, string from, string[] to, string subject, DateTimeOffset sent,
        string? inReplyTo = null, string? references = null, string? listId = null, string type = "message")
    {
        var headers = new JsonArray
        {
            Header("Message-ID", $"<{id}@corp.example>"),
            Header("Date", sent.UtcDateTime.ToString("R", CultureInfo.InvariantCulture)),
            Header("Subject", subject),
        };
        if (inReplyTo is not null)
            headers.Add(Header("In-Reply-To", inReplyTo));
        if (references is not null)
            headers.Add(Header("References", references));
        if (listId is not null)
            headers.Add(Header("List-Id", listId));
        return new JsonObject
        {
            ["@odata.type"] = $"#microsoft.graph.{type}",
            ["@odata.etag"] = "W/\"CQAAABYAAAARn2vdzPFjSbaPPxzjlzOTAAASsKZz\"",
            ["id"] = id,
            ["createdDateTime"] = Time(sent.AddSeconds(3)),
            ["lastModifiedDateTime"] = Time(sent.AddSeconds(3)),
            ["receivedDateTime"] = Time(sent.AddSeconds(3)),
            ["sentDateTime"] = Time(sent),
            ["hasAttachments"] = false,
            ["internetMessageId"] = $"<{id}@corp.example>",
            ["subject"] = subject,
            ["bodyPreview"] = BodyText,
            ["importance"] = "normal",
            ["conversationId"] = "AAQkAD" + Math.Abs(subject.GetHashCode(StringComparison.Ordinal)).ToString(CultureInfo.InvariantCulture),
            ["isRead"] = true,
            ["isDraft"] = false,
            ["body"] = new JsonObject { ["contentType"] = "html", ["content"] = $"<html><body>{BodyText}</body></html>" },
            ["sender"] = Recipient(from),
            ["from"] = Recipient(from),
            ["toRecipients"] = new JsonArray(to.Select(a => (JsonNode)Recipient(a)).ToArray()),
            ["ccRecipients"] = new JsonArray(),
            ["bccRecipients"] = new JsonArray(),
            ["replyTo"] = new JsonArray(),
            ["internetMessageHeaders"] = headers,
        };
    }

    /// <summary>A calendarView occurrence as Graph returns it (calendarView delta has no $select: body and location come too).</summary>
    public static JsonObject Event(string id, string organizer, string[] attendees, string subject, DateTimeOffset start, int minutes,
        string type = "singleInstance", string? room = null)
    {
        var people = new JsonArray(attendees.Select(a => (JsonNode)new JsonObject
        {
            ["type"] = "required",
            ["status"] = new JsonObject { ["response"] = "accepted", ["time"] = Time(start.AddDays(-1)) },
            ["emailAddress"] = new JsonObject { ["name"] = a.Split('@')[0], ["address"] = a },
        }).ToArray());
        if (room is not null)
        {
            people.Add(new JsonObject
            {
                ["type"] = "resource",
                ["status"] = new JsonObject { ["response"] = "accepted", ["time"] = Time(start.AddDays(-1)) },
                ["emailAddress"] = new JsonObject { ["name"] = "Room", ["address"] = room },
            });
        }
        return new JsonObject
        {
            ["@odata.type"] = "#microsoft.graph.event",
            ["@odata.etag"] = "W/\"EZ9r3czxY0m2jz8c45czkwAAFXcvIQ==\"",
            ["id"] = id,
            ["iCalUId"] = "040000008200E00074C5B7101A82E008" + id,
            ["subject"] = subject,
            ["bodyPreview"] = BodyText,
            ["body"] = new JsonObject { ["contentType"] = "html", ["content"] = $"<html><body>{BodyText}</body></html>" },
            ["isAllDay"] = false,
            ["isCancelled"] = false,
            ["type"] = type,
            ["start"] = new JsonObject { ["dateTime"] = start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture), ["timeZone"] = "UTC" },
            ["end"] = new JsonObject { ["dateTime"] = start.AddMinutes(minutes).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture), ["timeZone"] = "UTC" },
            ["location"] = new JsonObject { ["displayName"] = "Conf Room Baker" },
            ["attendees"] = people,
            ["organizer"] = Recipient(organizer),
        };
    }

    private static JsonObject Recipient(string address) => new()
    {
        ["emailAddress"] = new JsonObject { ["name"] = address.Split('@')[0], ["address"] = address },
    };

    private static JsonObject Header(string name, string value) => new() { ["name"] = name, ["value"] = value };

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
