namespace Engine.Ring;

/// <summary>A handler exception and the sequence of the event it was processing.</summary>
public readonly record struct ProcessorFault(long Sequence, Exception Exception);
