namespace Engine.Ring;

/// <summary>How a consumer waits for events: spin on a core it owns, or give the core away.</summary>
public enum WaitStrategyKind
{
    BusySpin,
    Yielding,
    Sleeping,
    Blocking,
}
