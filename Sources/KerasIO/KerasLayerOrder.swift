import ModelIR

/// The order in which Keras 3 lists a Functional model's layers (`model.layers`, and the layers of
/// `model.get_config()`): by depth from the outputs, deepest first, and within one depth by the
/// order a depth-first walk from the outputs first reaches them (Keras's `map_graph`). A `.keras`
/// archive keys each layer's weights by this order (`layers/dense`, `layers/dense_1`, …), so a
/// writer must follow it for Keras to load the weights into the right layers.
///
/// ```swift
/// let order = KerasLayerOrder.layers(of: graph).map(\.name)   // ["input", "fc1", "fc2", "output"]
/// ```
enum KerasLayerOrder {
    /// The graph's layers in Keras's order. Input layers no output depends on come last, at depth 0.
    static func layers(of graph: Graph) -> [Layer] {
        let inputsOf = Dictionary(uniqueKeysWithValues: graph.layers.map { ($0.name, $0.inputs) })
        var traversalIndex: [String: Int] = [:]
        var finished = Set<String>()
        var postOrder: [String] = []
        // Iterative depth-first walk: the index is taken when a layer is first reached, the layer
        // is finished after all its inputs.
        for output in graph.outputs {
            var stack: [(name: String, nextInput: Int)] = [(output, 0)]
            while let top = stack.last {
                if top.nextInput == 0 {
                    if finished.contains(top.name) {
                        stack.removeLast()
                        continue
                    }
                    if traversalIndex[top.name] == nil { traversalIndex[top.name] = traversalIndex.count }
                }
                let inputs = inputsOf[top.name] ?? []
                if top.nextInput < inputs.count {
                    stack[stack.count - 1].nextInput += 1
                    let input = inputs[top.nextInput]
                    if !finished.contains(input) { stack.append((input, 0)) }
                } else {
                    stack.removeLast()
                    if finished.insert(top.name).inserted { postOrder.append(top.name) }
                }
            }
        }
        var depth: [String: Int] = [:]
        for name in postOrder.reversed() {
            let own = depth[name, default: 0]
            depth[name] = own
            for input in inputsOf[name] ?? [] {
                depth[input] = max(depth[input, default: 0], own + 1)
            }
        }
        for input in graph.inputs where depth[input] == nil {
            depth[input] = 0
            traversalIndex[input] = traversalIndex.count
        }
        return graph.layers.filter { depth[$0.name] != nil }.sorted {
            (depth[$0.name]!, -traversalIndex[$0.name]!) > (depth[$1.name]!, -traversalIndex[$1.name]!)
        }
    }
}
