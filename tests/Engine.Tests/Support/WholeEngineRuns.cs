namespace Engine.Tests.Support;

/// <summary>
/// Test classes that each run a whole engine against the sim (a child process or the command in-process, with the sim's
/// threads beside it) and assert what must hold however the run was timed: their runs take turns with each other, so two
/// of them never share the machine's two cores between four busy pipelines. Other tests still run beside them.
/// </summary>
[CollectionDefinition(nameof(WholeEngineRuns))]
public sealed class WholeEngineRuns
{
}
