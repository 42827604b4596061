import COpenBLAS
import Dispatch

/// Single-precision matrix products (GEMM) for the batched layers, through OpenBLAS.
///
/// Deterministic by construction: the output is cut into tiles of a fixed size (256 rows × 512
/// columns, whatever the core count) and each tile is one single-threaded OpenBLAS call over the
/// whole depth, so every value is summed in the same order on every run and thread count (split
/// over output rows and columns, never over the depth). OpenBLAS's own threads stay off: some of
/// its kernels (Haswell, Zen) round differently when it splits a product its own way.
///
/// ```swift
/// // z (2×3) = x (2×4) · w (4×3)
/// var z = [Float](repeating: 0, count: 6)
/// MatrixProduct.multiply(x, w, into: &z, rows: 2, columns: 3, depth: 4)
/// ```
package enum MatrixProduct {
    /// The output tile of one OpenBLAS call.
    package static let tileRows = 256
    package static let tileColumns = 512

    /// `c = a·b`, or `c += a·b` when `accumulating`, all row-major: `c` is rows × columns, `a` rows ×
    /// depth (stored depth × rows when `transposingA`), `b` depth × columns (stored columns × depth
    /// when `transposingB`). Tiles run on all cores.
    package static func multiply(_ a: [Float], transposingA: Bool = false, _ b: [Float], transposingB: Bool = false,
                                 into c: inout [Float], rows: Int, columns: Int, depth: Int, accumulating: Bool = false) {
        precondition(a.count == rows * depth && b.count == depth * columns && c.count == rows * columns, "matrix sizes do not match")
        guard rows > 0, columns > 0 else { return }
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    let operands = Operands(a: a.baseAddress!, transposingA: transposingA, b: b.baseAddress!, transposingB: transposingB,
                                            c: c.baseAddress!, rows: rows, columns: columns, depth: depth, accumulating: accumulating)
                    operands.run()
                }
            }
        }
    }

    /// OpenBLAS set to compute each call on the calling thread, once per process.
    private static let singleThreaded: Void = openblas_set_num_threads(1)

    /// The pointers and sizes of one product, handed to the tiles' concurrent calls (each writes
    /// its own part of `c`).
    private struct Operands: @unchecked Sendable {
        let a: UnsafePointer<Float>, transposingA: Bool
        let b: UnsafePointer<Float>, transposingB: Bool
        let c: UnsafeMutablePointer<Float>
        let rows: Int, columns: Int, depth: Int, accumulating: Bool

        func run() {
            _ = MatrixProduct.singleThreaded
            let rowTiles = (rows + tileRows - 1) / tileRows
            let columnTiles = (columns + tileColumns - 1) / tileColumns
            if rowTiles * columnTiles == 1 { return tile(0) }
            DispatchQueue.concurrentPerform(iterations: rowTiles * columnTiles) { tile($0) }
        }

        /// One OpenBLAS call for the tile at `index` (row-major order of tiles).
        private func tile(_ index: Int) {
            let columnTiles = (columns + tileColumns - 1) / tileColumns
            let firstRow = index / columnTiles * tileRows
            let firstColumn = index % columnTiles * tileColumns
            let height = min(tileRows, rows - firstRow)
            let width = min(tileColumns, columns - firstColumn)
            let aTile = transposingA ? a + firstRow : a + firstRow * depth
            let bTile = transposingB ? b + firstColumn * depth : b + firstColumn
            cblas_sgemm(CblasRowMajor, transposingA ? CblasTrans : CblasNoTrans, transposingB ? CblasTrans : CblasNoTrans,
                        Int32(height), Int32(width), Int32(depth), 1,
                        aTile, Int32(max(1, transposingA ? rows : depth)), bTile, Int32(max(1, transposingB ? depth : columns)),
                        accumulating ? 1 : 0, c + firstRow * columns + firstColumn, Int32(columns))
        }
    }
}
