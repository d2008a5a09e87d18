using System.Text.Json.Serialization;

namespace Engine.Cli.Control;

/// <summary>What the engine did with one <c>engine ctl</c> command: one JSON line on the socket.</summary>
public sealed record ControlAnswer
{
    [JsonPropertyName("command")]
    public required string Command { get; init; }

    /// <summary>True once the engine thread applied the command (it came through the input ring).</summary>
    [JsonPropertyName("applied")]
    public bool Applied { get; init; }

    /// <summary>ACTIVE, REDUCING or HALTED after the command.</summary>
    [JsonPropertyName("state")]
    public string? State { get; init; }

    [JsonPropertyName("workingOrders")]
    public int WorkingOrders { get; init; }

    [JsonPropertyName("openPositions")]
    public int OpenPositions { get; init; }

    /// <summary>Orders (closes at market for a flatten) and cancels the engine sent between the command's arrival and its answer.</summary>
    [JsonPropertyName("ordersSent")]
    public long OrdersSent { get; init; }

    [JsonPropertyName("cancelsSent")]
    public long CancelsSent { get; init; }

    [JsonPropertyName("fills")]
    public long Fills { get; init; }

    [JsonPropertyName("netPnl")]
    public decimal NetPnl { get; init; }

    /// <summary>One sentence for the operator.</summary>
    [JsonPropertyName("message")]
    public required string Message { get; init; }
}
