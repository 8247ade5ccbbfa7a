using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Extraction;

namespace InboxNetworking.Tests.Core;

/// <summary>Organisations (eTLD+1, free mail per person) and message keys.</summary>
public sealed class OrganizationsTests
{
    [Theory]
    [InlineData("ann@mail.corp.example", "corp.example")]
    [InlineData("bob@sales.acme.co.uk", "acme.co.uk")]
    [InlineData("cy@gmail.com", null)]
    [InlineData("dee@yandex.ru", null)]
    public void OrganizationOf_IsTheRegistrableDomainAndNoneForFreeMail(string address, string? expected) =>
        Assert.Equal(expected, Organizations.OrganizationOf(address));

    [Fact]
    public void MessageKey_IsTheMessageIdElseAStableHash()
    {
        var date = new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal("a@b", MessageKeys.For("<a@b>", "x@y", date, "s", []));
        var k1 = MessageKeys.For(null, "X@y", date, "Re: Hello  world", ["b@z", "a@z"]);
        var k2 = MessageKeys.For(null, "x@y", date.AddMilliseconds(400), "hello world", ["A@z", "b@z"]);
        Assert.StartsWith("sha256:", k1, StringComparison.Ordinal);
        Assert.Equal(k1, k2); // same sender, second, normalised subject and recipients
        Assert.NotEqual(k1, MessageKeys.For(null, "x@y", date.AddSeconds(1), "hello world", ["a@z", "b@z"]));
    }
}
