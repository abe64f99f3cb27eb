# Seeds 000/001: an end-to-end linear classifier trained with GradientTape (runs unchanged on tfcompat).
import numpy as np
import tensorflow as tf

np.random.seed(0)
num_samples_per_class = 1000
negative_samples = np.random.multivariate_normal(
    mean=[0, 3], cov=[[1, 0.5], [0.5, 1]], size=num_samples_per_class)
positive_samples = np.random.multivariate_normal(
    mean=[3, 0], cov=[[1, 0.5], [0.5, 1]], size=num_samples_per_class)
inputs = np.vstack((negative_samples, positive_samples)).astype(np.float32)
targets = np.vstack((np.zeros((num_samples_per_class, 1), dtype="float32"),
                     np.ones((num_samples_per_class, 1), dtype="float32")))

input_dim = 2
output_dim = 1
# a fixed start instead of tf.random.uniform, so that every run prints the same numbers
W = tf.Variable(initial_value=np.array([[0.3], [0.7]], dtype="float32"))
b = tf.Variable(initial_value=tf.zeros(shape=(output_dim,)))

def model(inputs):
    return tf.matmul(inputs, W) + b

def square_loss(targets, predictions):
    per_sample_losses = tf.square(targets - predictions)
    return tf.reduce_mean(per_sample_losses)

learning_rate = 0.1

def training_step(inputs, targets):
    with tf.GradientTape() as tape:
        predictions = model(inputs)
        loss = square_loss(targets, predictions)
    grad_loss_wrt_W, grad_loss_wrt_b = tape.gradient(loss, [W, b])
    W.assign_sub(grad_loss_wrt_W * learning_rate)
    b.assign_sub(grad_loss_wrt_b * learning_rate)
    return loss

for step in range(40):
    loss = training_step(inputs, targets)
    print(f"Loss at step {step}: {loss:.4f}")

predictions = model(inputs)
accuracy = tf.reduce_mean(tf.cast((predictions[:, 0] > 0.5) == (targets[:, 0] > 0.5), tf.float32))
print(f"accuracy: {float(accuracy):.3f}")
print(W.numpy().round(4), b.numpy().round(4))
