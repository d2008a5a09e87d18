namespace Engine.Oms;

/// <summary>Why a position was closed at market.</summary>
public enum FlattenReason : byte
{
    None = 0,
    TimeExit = 1,

    /// <summary>The protective stop could not be placed after the configured retries.</summary>
    StopPlacementFailed = 2,
    Operator = 3,
}
