namespace NetProg.Capture;

/// <summary>What the pipeline keeps besides the per-packet events.</summary>
/// <param name="Port">Only this port's packets (checked on decoded packets; live captures also get it as BPF). Default: all.</param>
/// <param name="Follow">Reassemble each TCP conversation's payload. Default: off.</param>
/// <param name="FlowGraph">Keep events for the HTML flow graph. Default: off.</param>
public sealed record PacketPipelineOptions(int? Port = null, bool Follow = false, bool FlowGraph = false);
