namespace InboxNetworking.Core.Domain;

/// <summary>An address with the display name it was seen with; the address is the identity.</summary>
public sealed record Participant(string Address, string? DisplayName = null);
