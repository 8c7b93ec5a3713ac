import { AdminUser } from './AdminUser.js';
import { Customer } from './Customer.js';
import { Order } from './Order.js';
import { Product } from './Product.js';
import { Tag } from './Tag.js';

export { AdminUser, Customer, Order, Product, Tag };
export const shopEntities = [AdminUser, Customer, Order, Product, Tag];
