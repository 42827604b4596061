// A blocked GEMM in Swift for the comparison in gemm.sh: B packed in panels of 16 columns, A in
// strips of 6 rows, depth blocks of 256, a 6×16 SIMD16<Float> FMA micro-kernel; columns split
// over the threads (never the depth, so 1 and 2 threads give the same bytes).
// usage: blocked ROWS COLUMNS DEPTH (built with -target-cpu haswell for FMA).
import Dispatch
import Foundation

let MR = 6, NR = 16, KC = 256, MC = 120

struct Operand { let base: UnsafePointer<Float>; let rowStride: Int; let columnStride: Int }

@inline(__always) func load16(_ p: UnsafePointer<Float>) -> SIMD16<Float> { UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self) }
@inline(__always) func store16(_ v: SIMD16<Float>, _ p: UnsafeMutablePointer<Float>) { UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD16<Float>.self) }

@inline(__always) func fma(_ c: SIMD16<Float>, _ a: Float, _ b: SIMD16<Float>) -> SIMD16<Float> {
  c.addingProduct(SIMD16(repeating: a), b)
}

func kernel(_ depth: Int, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ rows: Int, _ cols: Int, _ load: Bool) {
  var c0 = SIMD16<Float>(), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0
  var pa = a, pb = b
  for _ in 0..<depth {
    let bv = load16(pb)
    c0 = fma(c0, pa[0], bv); c1 = fma(c1, pa[1], bv); c2 = fma(c2, pa[2], bv)
    c3 = fma(c3, pa[3], bv); c4 = fma(c4, pa[4], bv); c5 = fma(c5, pa[5], bv)
    pa += MR; pb += NR
  }
  if rows == MR && cols == NR {
    if load { c0 += load16(c); c1 += load16(c+ldc); c2 += load16(c+2*ldc); c3 += load16(c+3*ldc); c4 += load16(c+4*ldc); c5 += load16(c+5*ldc) }
    store16(c0, c); store16(c1, c+ldc); store16(c2, c+2*ldc); store16(c3, c+3*ldc); store16(c4, c+4*ldc); store16(c5, c+5*ldc)
  } else {
    let t = [c0,c1,c2,c3,c4,c5]
    for r in 0..<rows { for j in 0..<cols { c[r*ldc+j] = (load ? c[r*ldc+j] : 0) + t[r][j] } }
  }
}

func gemm(m: Int, n: Int, k: Int, a: Operand, b: Operand, c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool, columns: Range<Int>) {
  let width = columns.count
  let panels = (width + NR - 1) / NR
  let pb = UnsafeMutablePointer<Float>.allocate(capacity: panels * NR * KC); defer { pb.deallocate() }
  let pa = UnsafeMutablePointer<Float>.allocate(capacity: (MC + MR) * KC); defer { pa.deallocate() }
  var p0 = 0
  while p0 < k {
    let kc = min(KC, k - p0)
    // pack B
    for panel in 0..<panels {
      let j0 = columns.lowerBound + panel * NR; let nc = min(NR, columns.upperBound - j0)
      let dst = pb + panel * NR * kc
      for p in 0..<kc {
        let src = b.base + (p0 + p) * b.rowStride + j0 * b.columnStride
        for j in 0..<NR { dst[p*NR + j] = j < nc ? src[j * b.columnStride] : 0 }
      }
    }
    var i0 = 0
    while i0 < m {
      let mc = min(MC, m - i0)
      let strips = (mc + MR - 1) / MR
      for s in 0..<strips {
        let dst = pa + s * MR * kc
        for p in 0..<kc { for r in 0..<MR { let i = i0 + s*MR + r; dst[p*MR + r] = i < m ? a.base[i * a.rowStride + (p0 + p) * a.columnStride] : 0 } }
      }
      for panel in 0..<panels {
        let j0 = columns.lowerBound + panel * NR; let nc = min(NR, columns.upperBound - j0)
        for s in 0..<strips {
          let i = i0 + s * MR
          kernel(kc, pa + s*MR*kc, pb + panel*NR*kc, c + i*ldc + j0, ldc, min(MR, m - i), nc, accumulate || p0 > 0)
        }
      }
      i0 += mc
    }
    p0 += kc
  }
}

let args = CommandLine.arguments
print("Swift blocked 6×16 kernel, \(args[1])×\(args[2])×\(args[3])")
let M = Int(args[1])!, N = Int(args[2])!, K = Int(args[3])!
var A = (0..<M*K).map { _ in Float.random(in: -0.5...0.5) }
var B = (0..<K*N).map { _ in Float.random(in: -0.5...0.5) }
var C = [Float](repeating: 0, count: M*N)
var ref = [Float](repeating: 0, count: M*N)
for threads in [1, 2] {
  var best = 1e9
  for _ in 0..<5 {
    let t = Date()
    A.withUnsafeBufferPointer { ap in B.withUnsafeBufferPointer { bp in C.withUnsafeMutableBufferPointer { cp in
      let cbase = cp.baseAddress!
      nonisolated(unsafe) let cb = cbase
      let aop = Operand(base: ap.baseAddress!, rowStride: K, columnStride: 1), bop = Operand(base: bp.baseAddress!, rowStride: N, columnStride: 1)
      nonisolated(unsafe) let ao = aop; nonisolated(unsafe) let bo = bop
      DispatchQueue.concurrentPerform(iterations: threads) { t in
        let per = ((N + NR - 1) / NR + threads - 1) / threads * NR
        let lo = min(N, t * per), hi = min(N, lo + per)
        if lo < hi { gemm(m: M, n: N, k: K, a: ao, b: bo, c: cb, ldc: N, accumulate: false, columns: lo..<hi) }
      }
    }}}
    best = min(best, Date().timeIntervalSince(t))
  }
  print("  \(threads) thread(s): \(String(format: "%.1f", 2.0*Double(M*N*K)/best/1e9)) GFLOP/s")
  if threads == 1 { ref = C } else { print("  same bytes on 1 and 2 threads:", ref == C ? "yes" : "no") }
}
