namespace NetProg.Services.Check.Clients;

/// <summary>How much of a long reply a client printed, in order (<paramref name="Printed"/> bytes), in how many runs with other output between them.</summary>
internal sealed record PayloadPieces(int Printed, int Pieces);
